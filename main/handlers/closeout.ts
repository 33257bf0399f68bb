import { ContractError, type HandlersFor, type closeoutMethods } from '../../src/api/index.js';
import { CloseoutError, reportCsv, reportCsvName } from '../../src/closeout/index.js';
import { requireRole } from '../../src/payments/roles.js';
import { buildStoreCloseoutDocument } from '../../src/store/store-closeout-document.js';
import { type StoreLink, StoreRefusedError, StoreUnreachableError } from '../../src/store/store-link.js';
import type { ServiceSet } from '../compose.js';
import { refusingWith } from './refusals.js';

/** Passes the close-out's refusals (and the PIN checks' PaymentErrors) on with their stable codes. */
function closing<T>(work: () => T | Promise<T>): Promise<T> {
  return refusingWith(async () => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CloseoutError) throw new ContractError(error.code, error.message);
      throw error;
    }
  });
}

/**
 * The store's kept close-out of a day, with the store server's answers as
 * contract codes: no server in config.json, no close-out of that day yet,
 * another refusal, or no believable answer (down, or not signed by the pinned key).
 */
async function keptStoreCloseout(link: StoreLink | undefined, businessDate: string) {
  if (!link) throw new ContractError('store-not-configured', 'This till is not linked to a store server (config.json `store`).');
  try {
    return await link.storeCloseout(businessDate);
  } catch (error) {
    if (error instanceof StoreRefusedError) {
      if (error.code === 'CLOSEOUT_NOT_FOUND') throw new ContractError('store-closeout-not-found', error.message);
      throw new ContractError('store-refused', error.message);
    }
    if (error instanceof StoreUnreachableError) throw new ContractError('store-unreachable', error.message);
    throw error;
  }
}

export function closeoutHandlers({ till }: ServiceSet): HandlersFor<typeof closeoutMethods> {
  const { closeout } = till;
  return {
    'closeout.x': (input) =>
      closing(async () => {
        const report = await closeout.x(input);
        if (input.print) await closeout.print(report);
        return report;
      }),
    'closeout.z': (input) => closing(() => closeout.z(input)),
    'closeout.cashCount': (input) => closing(() => closeout.cashCount(input)),
    'closeout.reconcile': (input) => closing(() => closeout.reconcile(input.businessDate)),
    'closeout.resolve': (input) => closing(() => closeout.resolve(input)),
    'closeout.exportCsv': ({ managerPin, ...input }) =>
      closing(async () => {
        await requireRole(till.staff, managerPin, 'manager');
        const report = await closeout.x(input);
        return { filename: reportCsvName(report), csv: reportCsv(report) };
      }),
    'closeout.printStore': ({ managerPin, businessDate }) =>
      closing(async () => {
        await requireRole(till.staff, managerPin, 'manager');
        const closeout = await keptStoreCloseout(till.storeLink, businessDate);
        const printed = await till.receipts.print(buildStoreCloseoutDocument(closeout));
        return { ...printed, version: closeout.version, notClosed: closeout.notClosed };
      }),
  };
}
