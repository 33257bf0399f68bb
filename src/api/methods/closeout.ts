import { defineMethods } from '../contract.js';
import {
  cashSectionSchema,
  closeoutCashCountSchema,
  closeoutCsvSchema,
  closeoutExportSchema,
  closeoutPrintStoreSchema,
  closeoutReconcileSchema,
  closeoutReportSchema,
  closeoutResolveSchema,
  closeoutXSchema,
  closeoutZSchema,
  reconciliationSchema,
  resolutionSchema,
  storeCloseoutPrintedSchema,
} from '../schemas/closeout.js';

/** The owner's end of day: X and Z reports, cash count, reconciliation, CSV, the store's close-out on paper. */
export const closeoutMethods = defineMethods({
  'closeout.x': {
    summary: 'X report: the business day so far, changing nothing (a closed day answers with its Z)',
    input: closeoutXSchema,
    result: closeoutReportSchema,
  },
  'closeout.z': {
    summary: "Z report: closes the business day (owner's PIN) and opens the next",
    input: closeoutZSchema,
    result: closeoutReportSchema,
  },
  'closeout.cashCount': {
    summary: "Records the drawer counted by denomination (manager's PIN); a difference needs a reason",
    input: closeoutCashCountSchema,
    result: cashSectionSchema,
  },
  'closeout.reconcile': {
    summary: "Compares the day with the gateway's settlement statement",
    input: closeoutReconcileSchema,
    result: reconciliationSchema,
  },
  'closeout.resolve': {
    summary: "Settles a reconciliation difference (owner's PIN): refund task, write-off booked today, or note; journaled",
    input: closeoutResolveSchema,
    result: resolutionSchema,
  },
  'closeout.exportCsv': {
    summary: "The report as CSV (UTF-8 with BOM) for the accountant (manager's PIN)",
    input: closeoutExportSchema,
    result: closeoutCsvSchema,
  },
  'closeout.printStore': {
    summary: "Prints the store's close-out (마감정산, every till) of a day as the store server keeps it (manager's PIN)",
    input: closeoutPrintStoreSchema,
    result: storeCloseoutPrintedSchema,
  },
});
