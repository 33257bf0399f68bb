import { z } from 'zod';
// The renderer bundles the contract: import the pure schema files, not closeout/index (Node services).
import { denominationCountSchema } from '../../closeout/cash-count.js';
import { pinSchema } from '../../payments/pin-policy.js';
import { printOutcomeSchema } from './history.js';
import {
  DENOMINATIONS,
  DIFFERENCE_KINDS,
  RESOLUTION_ACTIONS,
  cashSectionSchema,
  closeoutReportSchema,
  differenceKey,
  reconciliationSchema,
  resolutionSchema,
} from '../../closeout/report-schema.js';

/** The close-out screen's inputs and results (src/closeout). */

/** The KRW notes and coins a drawer is counted in (the screen's count rows). */
export { DENOMINATIONS, DIFFERENCE_KINDS, RESOLUTION_ACTIONS, differenceKey, closeoutReportSchema, cashSectionSchema, reconciliationSchema, resolutionSchema };

// z.iso.date checks the day exists: a YYYY-MM-DD shape alone let '7406-42-09' reach the Z and fail inside it.
const businessDateSchema = z.iso.date('a business date is YYYY-MM-DD, a real day');

export const closeoutXSchema = z
  .strictObject({
    /** Default: the open business day. A closed day answers with its stored Z report. */
    businessDate: businessDateSchema.optional(),
    /** Fetch the gateway's statement and compare (takes a network round trip per statement date). */
    reconcile: z.boolean().default(false),
    print: z.boolean().default(false),
  })
  .prefault({});

export const closeoutZSchema = z.strictObject({
  ownerPin: pinSchema,
  /** The day the screen showed; refused if another day is open (a double tap cannot close two days). */
  businessDate: businessDateSchema,
  /** Close even though payments are still open; they are listed on the report. */
  recordOpen: z.boolean().default(false),
  print: z.boolean().default(true),
});

export const closeoutCashCountSchema = z.strictObject({
  pin: pinSchema,
  denominations: denominationCountSchema,
  reason: z.string().trim().max(200).optional(),
});

export const closeoutReconcileSchema = z.strictObject({ businessDate: businessDateSchema.optional() }).prefault({});

/** The day's figures leave the till as a file: a manager's PIN (issue 14 point 3). */
export const closeoutExportSchema = z.strictObject({
  businessDate: businessDateSchema.optional(),
  reconcile: z.boolean().default(true),
  managerPin: pinSchema,
});

/** A CSV export: UTF-8 with a byte-order mark, for the screen to save under `filename`. */
export const closeoutCsvSchema = z.object({ filename: z.string(), csv: z.string() });

/** The owner settles one difference of a day's reconciliation (its `differenceKey`). */
export const closeoutResolveSchema = z.strictObject({
  ownerPin: pinSchema,
  businessDate: businessDateSchema,
  key: z.string().min(1).max(300),
  action: z.enum(RESOLUTION_ACTIONS),
  note: z.string().trim().max(200).optional(),
});

/** The store's 마감정산 of a day (every till's figures): a manager's PIN, as the CSV export. */
export const closeoutPrintStoreSchema = z.strictObject({ businessDate: businessDateSchema, managerPin: pinSchema });

/** What the printer did with it, and which kept version of the store's close-out went to paper. */
export const storeCloseoutPrintedSchema = printOutcomeSchema.extend({
  version: z.number().int().positive(),
  /** Tills that had not closed the day in that version (the screen names them). */
  notClosed: z.array(z.string()),
});
