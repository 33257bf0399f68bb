import { resolve } from 'node:path';
import { z } from 'zod';
import { createDispatcher } from '../../../src/api/index.js';
import { systemClock } from '../../../src/platform/clock.js';
import { readAppVersion } from '../../app-version.js';
import { startBridgeServer } from '../../browser/bridge-server.js';
import { ensureRendererBuild } from '../../browser/renderer-build.js';
import { compose } from '../../compose.js';
import { loadPosConfig } from '../../config.js';
import { contractHandlers } from '../../handlers/index.js';
import { createPosLogging } from '../../logging.js';
import { DEFAULT_DATA_DIR, RENDERER_DIST_DIR, logDir } from '../../paths.js';
import { type CommandIo, type PosCommand, UsageError } from '../command.js';
import { parseCliArgs } from '../parse-flags.js';
import { runUntilStopped } from '../until-stopped.js';

const portSchema = z.coerce.number().int().min(0).max(65535);

function parseServeArgs(args: string[]): { port: number; dataDir: string } {
  const { values } = parseCliArgs({
    args,
    options: { port: { type: 'string' }, data: { type: 'string' } },
    strict: true,
  });
  const port = portSchema.safeParse(values.port ?? '0');
  if (!port.success) throw new UsageError(`--port must be 0-65535, got "${values.port}"`);
  return { port: port.data, dataDir: resolve(values.data ?? DEFAULT_DATA_DIR) };
}

async function serve(args: string[], io: CommandIo): Promise<number> {
  const { port, dataDir } = parseServeArgs(args);
  if (await ensureRendererBuild()) io.err('built the renderer into renderer/dist');
  const logging = await createPosLogging({ dir: logDir(dataDir) });
  const services = await compose(await loadPosConfig(dataDir), {
    logger: logging.logger,
    clock: systemClock,
    appVersion: await readAppVersion(),
    validateContract: true,
  });
  const dispatcher = createDispatcher({
    handlers: contractHandlers(services),
    validateResults: true,
    logger: services.logger,
  });
  const bridge = await startBridgeServer({
    port,
    dispatcher,
    events: services.events,
    rendererDir: RENDERER_DIST_DIR,
    logger: services.logger,
  });
  return runUntilStopped(
    io,
    [
      `Counter POS (${services.mode} mode) in browser mode, data in ${dataDir}`,
      `open: ${bridge.url}`,
      `launch token: ${bridge.token}`,
      'Only this address with its token can drive the till. Ctrl+C stops.',
    ],
    async (signal) => {
      services.logger.info({ signal }, 'browser bridge stopping');
      await bridge.close();
      await services.close();
      await logging.close();
    },
  );
}

export const serveCommand: PosCommand = {
  name: 'serve',
  summary: 'browser mode: serve the till on 127.0.0.1 with a per-launch token',
  usage: 'serve [--port N] [--data DIR]',
  run: serve,
};
