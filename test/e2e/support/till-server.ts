import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher } from '../../../src/api/index.js';
import { systemClock } from '../../../src/platform/clock.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { type BridgeServer, startBridgeServer } from '../../../main/browser/bridge-server.js';
import { type ServiceSet, compose } from '../../../main/compose.js';
import { loadPosConfig } from '../../../main/config.js';
import { contractHandlers } from '../../../main/handlers/index.js';
import { RENDERER_DIST_DIR } from '../../../main/paths.js';
import { startLiveGateway } from '../../helpers/live-gateway.js';

const LIVE_TERMINAL = 'LIVE-E2E-01';

/** A till in browser mode (training mode unless `live`), as `pos serve --port 0` starts it, in a fresh data dir. */
export interface TillServer {
  services: ServiceSet;
  bridge: BridgeServer;
  /** The cashier page, with the launch token in the fragment. */
  cashierUrl: string;
  /** The customer display page (the same build, `?view=customer-display`). */
  displayUrl: string;
  /** Every contract method called, in order (tests count the renderer's round trips). */
  calls: string[];
  close(): Promise<void>;
}

/**
 * Starts the till. `dataDir` reuses a folder (a restart of the same till)
 * and leaves it in place on close; without it a fresh one is made and removed.
 * `live` points the till at a sandbox gateway of its own, registered and
 * pinned as a shop's relay would be (live mode; the owner's PIN is 246813).
 * `store` links it to a store server (config.json's `store`), which it
 * enrolls with on its first upload.
 */
export async function startTill(options: { dataDir?: string; live?: boolean; store?: { url: string; enrollmentCode: string } } = {}): Promise<TillServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pos-e2e-'));
  const relayDir = options.live ? mkdtempSync(join(tmpdir(), 'pos-e2e-relay-')) : undefined;
  const gateway = relayDir ? await startLiveGateway(dataDir, relayDir, LIVE_TERMINAL) : undefined;
  const config = { ...(gateway ? { terminalId: LIVE_TERMINAL, gateway: { url: gateway.url } } : {}), ...(options.store ? { store: options.store } : {}) };
  if (Object.keys(config).length > 0) writeFileSync(join(dataDir, 'config.json'), JSON.stringify(config));
  const services = await compose(await loadPosConfig(dataDir), {
    logger: silentLogger,
    clock: systemClock,
    appVersion: '0.0.0-e2e',
    validateContract: true,
  });
  const calls: string[] = [];
  const handlers = contractHandlers(services);
  const counted = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [name, (...args: never[]) => (calls.push(name), (handler as (...a: never[]) => unknown)(...args))]),
  ) as typeof handlers;
  const dispatcher = createDispatcher({ handlers: counted, validateResults: true, logger: silentLogger });
  const bridge = await startBridgeServer({ dispatcher, events: services.events, rendererDir: RENDERER_DIST_DIR, logger: silentLogger });
  return {
    services,
    bridge,
    cashierUrl: bridge.url,
    displayUrl: bridge.displayUrl,
    calls,
    close: async () => {
      await bridge.close();
      await services.close();
      await gateway?.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (relayDir) rmSync(relayDir, { recursive: true, force: true });
    },
  };
}
