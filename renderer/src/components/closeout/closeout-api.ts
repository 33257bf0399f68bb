import type { z } from 'zod';
import type { cashSectionSchema, closeoutReportSchema } from '../../../../src/api/schemas/closeout.js';
import { pos } from '../../client.js';
import { withManagerPin } from '../../stores/pin-prompt-store.js';

export type CloseoutFigures = z.infer<typeof closeoutReportSchema>;
export type CashFigures = z.infer<typeof cashSectionSchema>;

/** The X report of the open day, reconciled with the gateway's statement (a snapshot that changes nothing). */
export function xReport(): Promise<CloseoutFigures> {
  return pos()['closeout.x']({ reconcile: true });
}

/** Prints the report of a day: the X so far, or a closed day's stored Z. */
export function printReport(businessDate: string): Promise<CloseoutFigures> {
  return pos()['closeout.x']({ businessDate, print: true });
}

/** Prints the store's 마감정산 of a day (every till, as the store server keeps it) after a manager's PIN. */
export function printStoreCloseout(businessDate: string) {
  return withManagerPin('pinPrompt.purpose.storeCloseout', (managerPin) => pos()['closeout.printStore']({ businessDate, managerPin }));
}

/** The Z report: closes the business day the screen showed (the owner's PIN). */
export function zReport(ownerPin: string, businessDate: string, recordOpen: boolean): Promise<CloseoutFigures> {
  return pos()['closeout.z']({ ownerPin, businessDate, recordOpen });
}

/** Records the drawer counted by denomination (a manager's PIN; a difference needs a reason). */
export function recordCashCount(pin: string, denominations: Record<string, number>, reason: string): Promise<CashFigures> {
  return pos()['closeout.cashCount']({ pin, denominations, ...(reason.trim() ? { reason: reason.trim() } : {}) });
}

/** Saves the day's report as CSV (UTF-8 with BOM, as Korean Excel opens it) through the browser's download. */
export async function downloadCsv(businessDate: string): Promise<string> {
  const { filename, csv } = await withManagerPin('pinPrompt.purpose.export', (managerPin) => pos()['closeout.exportCsv']({ businessDate, managerPin }));
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
  return filename;
}

/** The owner settles a reconciliation difference (refund task, write-off booked today, or note). */
export function resolveDifference(ownerPin: string, businessDate: string, key: string, action: 'refund-task' | 'write-off' | 'note', note: string) {
  return pos()['closeout.resolve']({ ownerPin, businessDate, key, action, ...(note.trim() ? { note: note.trim() } : {}) });
}
