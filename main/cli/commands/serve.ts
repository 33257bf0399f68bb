import { resolve } from 'node:path';
import { z } from 'zod';
import { startBrowserTill } from '../../browser/browser-till.js';
import { rendererBuildPaths } from '../../browser/renderer-build.js';
import { DEFAULT_DATA_DIR } from '../../paths.js';
import { type CommandIo, type PosCommand, UsageError } from '../command.js';
import { parseCliArgs } from '../parse-flags.js';
import { runUntilStopped } from '../until-stopped.js';

const portSchema = z.coerce.number().int().min(0).max(65535);

/** `--port N` (0, the default, picks a free port), or a UsageError naming the bad value. */
export function parsePort(value: string | undefined): number {
  const port = portSchema.safeParse(value ?? '0');
  if (!port.success) throw new UsageError(`--port must be 0-65535, got "${value}"`);
  return port.data;
}

async function serve(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCliArgs({
    args,
    options: { port: { type: 'string' }, data: { type: 'string' } },
    strict: true,
  });
  const dataDir = resolve(values.data ?? DEFAULT_DATA_DIR);
  const till = await startBrowserTill({
    port: parsePort(values.port),
    dataDir,
    renderer: rendererBuildPaths(),
  });
  return runUntilStopped(
    io,
    [
      `Counter POS (${till.mode} mode) in browser mode, data in ${dataDir}`,
      `open: ${till.url}`,
      `launch token: ${till.token}`,
      'Only this address with its token can drive the till. Ctrl+C stops.',
    ],
    (signal) => till.close(signal),
  );
}

export const serveCommand: PosCommand = {
  name: 'serve',
  summary: 'browser mode: serve the till on 127.0.0.1 with a per-launch token',
  usage: 'serve [--port N] [--data DIR]',
  run: serve,
};
