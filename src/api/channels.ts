import type { EventName, MethodName } from './table.js';

/** The IPC channel of a method: one `ipcMain.handle` per method. */
export function ipcMethodChannel(method: MethodName): string {
  return `pos:${method}`;
}

/** The IPC channel an event is pushed on with `webContents.send`. */
export function ipcEventChannel(event: EventName): string {
  return `pos:event:${event}`;
}

/** The bridge's HTTP path of a method (POST, JSON body `{ "input": ... }`). */
export function bridgeMethodPath(method: MethodName): string {
  return `/api/${method}`;
}

/** The bridge's WebSocket path for events. */
export const BRIDGE_EVENTS_PATH = '/events';

/** Messages on the bridge's event socket. */
export type BridgeSocketMessage =
  | { type: 'auth'; token: string }
  | { type: 'ready' }
  | { type: 'event'; event: EventName; payload: unknown };

/** Close code when the socket did not authenticate (4000-4999 are for applications). */
export const BRIDGE_UNAUTHORIZED_CLOSE = 4401;
