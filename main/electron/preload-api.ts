import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  type PreloadApi,
  type Unsubscribe,
  ipcEventChannel,
  ipcMethodChannel,
  isEventName,
  methodNames,
} from '../../src/api/index.js';

/**
 * `window.pos`, generated from the method table: one function per method
 * invoking its channel, and `on` for events. The page never sees
 * `ipcRenderer` or the IPC event object (which carries `sender`).
 */
export function buildPreloadApi(
  ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
): PreloadApi {
  const api: Record<string, unknown> = {};
  for (const method of methodNames) {
    api[method] = (input?: unknown) => ipc.invoke(ipcMethodChannel(method), input);
  }
  api.on = (event: string, listener: (payload: unknown) => void): Unsubscribe => {
    if (!isEventName(event)) throw new Error(`no event "${event}"`);
    const channel = ipcEventChannel(event);
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipc.on(channel, relay);
    return () => {
      ipc.removeListener(channel, relay);
    };
  };
  return Object.freeze(api) as unknown as PreloadApi;
}
