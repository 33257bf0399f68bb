import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  type CallOutcome,
  type ContractEventSource,
  ContractError,
  ContractErrorCode,
  type Dispatcher,
  type WindowRole,
  type Unsubscribe,
  eventReaches,
  ipcEventChannel,
  ipcMethodChannel,
  methodNames,
} from '../../src/api/index.js';
import type { Logger } from '../../src/platform/logger.js';
import { isAppUrl } from './security.js';
import type { WindowRegistry } from './window-registry.js';

/**
 * Who is calling: only the top frame of one of our windows showing our own
 * app:// page. An iframe, a navigated-away page or another web contents gets
 * nothing, whatever channel it guesses.
 */
export function authorizeSender(
  event: IpcMainInvokeEvent,
  registry: WindowRegistry,
): WindowRole | undefined {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !isAppUrl(frame.url)) return undefined;
  return registry.roleOf(event.sender);
}

/** One `ipcMain.handle` per contract method (channel `pos:<method>`); returns the undo. */
export function registerContractIpc({
  ipcMain,
  dispatcher,
  registry,
  logger,
}: {
  ipcMain: IpcMain;
  dispatcher: Dispatcher;
  registry: WindowRegistry;
  logger: Logger;
}): Unsubscribe {
  for (const method of methodNames) {
    ipcMain.handle(
      ipcMethodChannel(method),
      async (event, input: unknown): Promise<CallOutcome> => {
        const role = authorizeSender(event, registry);
        if (!role) {
          logger.warn(
            { method, url: event.senderFrame?.url },
            'IPC call from a foreign frame refused',
          );
          return {
            ok: false,
            error: new ContractError(
              ContractErrorCode.forbidden,
              'caller is not a Counter POS window',
            ).toBody(),
          };
        }
        return dispatcher.call(method, input, { role, transport: 'ipc' });
      },
    );
  }
  return () => methodNames.forEach((method) => ipcMain.removeHandler(ipcMethodChannel(method)));
}

/** Pushes each contract event with `webContents.send` to the windows whose role it reaches (never a scan to the display). */
export function forwardContractEvents(
  events: ContractEventSource,
  registry: WindowRegistry,
): Unsubscribe {
  return events.subscribe((event, payload) =>
    registry.broadcast(ipcEventChannel(event), payload, (role) => eventReaches(role, event)),
  );
}
