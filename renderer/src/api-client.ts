import {
  type BridgeSocket,
  type BridgeSocketHandlers,
  createBridgeTransport,
} from '../../src/api/bridge-client.js';
import { type PreloadApi, createContractClient, preloadTransport } from '../../src/api/client.js';
import type { ContractClient } from '../../src/api/table.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    pos?: PreloadApi;
  }
}

const TOKEN_KEY = 'counter-pos.launch-token';

export class MissingLaunchTokenError extends Error {
  override readonly name = 'MissingLaunchTokenError';
}

/**
 * The launch token from `#token=` (or `?token=`), kept in sessionStorage so a
 * reload still works, and removed from the address bar so it does not end up
 * in a screenshot or a bookmark.
 */
export function readLaunchToken(win: Window): string | undefined {
  const hash = new URLSearchParams(win.location.hash.slice(1));
  const query = new URLSearchParams(win.location.search);
  const token = hash.get('token') ?? query.get('token');
  if (token) {
    win.sessionStorage.setItem(TOKEN_KEY, token);
    hash.delete('token');
    query.delete('token');
    const search = query.size ? `?${query}` : '';
    const fragment = hash.size ? `#${hash}` : '';
    win.history.replaceState(null, '', `${win.location.pathname}${search}${fragment}`);
    return token;
  }
  return win.sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

function browserSocket(url: string, handlers: BridgeSocketHandlers): BridgeSocket {
  const ws = new WebSocket(url);
  ws.onopen = () => handlers.onOpen();
  ws.onmessage = (event) => handlers.onMessage(event.data);
  ws.onclose = (event) => handlers.onClose(event.code);
  return { send: (data) => ws.send(data), close: () => ws.close() };
}

/**
 * The one client of the contract: over the preload's `window.pos` in
 * Electron, over the 127.0.0.1 bridge in browser mode.
 */
export function connectContractClient(win: Window = window): ContractClient {
  if (win.pos) return createContractClient(preloadTransport(win.pos));
  const token = readLaunchToken(win);
  if (!token) {
    throw new MissingLaunchTokenError(
      'open the address `pos serve` printed: it carries the launch token',
    );
  }
  return createContractClient(
    createBridgeTransport({
      origin: win.location.origin,
      token,
      fetch: (url, init) => win.fetch(url, init),
      openSocket: browserSocket,
    }),
  );
}
