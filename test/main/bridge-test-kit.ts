import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import {
  type ApiError,
  type BridgeSocket,
  type BridgeSocketHandlers,
  createDispatcher,
} from '../../src/api/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import {
  type BridgeServer,
  type BridgeServerOptions,
  startBridgeServer,
} from '../../main/browser/bridge-server.js';
import { type ServiceSet, compose } from '../../main/compose.js';
import { loadPosConfig } from '../../main/config.js';
import { contractHandlers } from '../../main/handlers/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { fakeRendererBuild } from '../helpers/fake-renderer-build.js';

/** A real bridge on 127.0.0.1:0 over real services in a temp data dir. */
export function useBridge(): (extra?: Partial<BridgeServerOptions>) => Promise<{
  bridge: BridgeServer;
  services: ServiceSet;
  root: string;
}> {
  const tempDir = useTempDir('pos-bridge-');
  const open: { bridge: BridgeServer; services: ServiceSet }[] = [];
  afterEach(async () => {
    for (const { bridge, services } of open.splice(0)) {
      await bridge.close();
      await services.close();
    }
  });
  return async (extra = {}) => {
    const root = tempDir();
    const rendererDir = fakeRendererBuild(root);
    const services = await compose(await loadPosConfig(join(root, 'data')), {
      logger: silentLogger,
      clock: new ManualClock(),
      appVersion: '9.9.9',
      validateContract: true,
    });
    const dispatcher = createDispatcher({
      handlers: contractHandlers(services),
      validateResults: true,
      logger: silentLogger,
    });
    const bridge = await startBridgeServer({
      dispatcher,
      events: services.events,
      rendererDir,
      logger: silentLogger,
      ...extra,
    });
    open.push({ bridge, services });
    return { bridge, services, root };
  };
}

/** An answer as it comes off the wire, before narrowing. */
export interface WireOutcome {
  ok: boolean;
  result?: unknown;
  error?: ApiError;
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: WireOutcome }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as WireOutcome };
}

/** The `ws` package behind the bridge transport's socket interface. */
export function nodeSocket(url: string, handlers: BridgeSocketHandlers): BridgeSocket {
  const ws = new WebSocket(url);
  ws.on('open', () => handlers.onOpen());
  ws.on('message', (data) => handlers.onMessage(String(data)));
  ws.on('close', (code) => handlers.onClose(code));
  return { send: (data) => ws.send(data), close: () => ws.close() };
}

/** Opens a raw socket and collects its messages and close code. */
export function rawSocket(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  const messages: { type: string; event?: string; payload?: unknown }[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const errored = new Promise<Error>((resolve) => ws.on('error', resolve));
  const opened = new Promise<void>((resolve) => ws.on('open', () => resolve()));
  return { ws, messages, closed, errored, opened };
}

export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** GET / with a chosen Host header (fetch does not let a caller set Host). */
export function statusWithHost(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
