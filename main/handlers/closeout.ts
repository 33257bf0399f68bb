import { ContractError, type HandlersFor, type closeoutMethods } from '../../src/api/index.js';
import { CloseoutError, reportCsv, reportCsvName } from '../../src/closeout/index.js';
import { requireRole } from '../../src/payments/roles.js';
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
  };
}
