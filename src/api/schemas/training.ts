import { z } from 'zod';

/** Training mode's built-in parts: the sandbox gateway and its customer-phone page. */
export const trainingInfoSchema = z.object({
  training: z.boolean(),
  /** The embedded sandbox gateway, null in live mode. */
  sandboxUrl: z.string().nullable(),
  /** The simulated customer phone that pays MPM codes (GET in a browser). */
  customerPageUrl: z.string().nullable(),
  /** False while the trainer has switched the gateway off to practise an outage. */
  gatewayRunning: z.boolean(),
});
export type TrainingInfo = z.infer<typeof trainingInfoSchema>;

export const setGatewayRunningSchema = z.strictObject({ running: z.boolean() });

/** A receipt the virtual printer "printed", as text lines (newest first). */
export const trainingReceiptSchema = z.object({
  index: z.number().int().nonnegative(),
  lines: z.array(z.string()),
});

export const trainingReceiptsSchema = z.object({ receipts: z.array(trainingReceiptSchema) });

export const receiptImageInputSchema = z.strictObject({ index: z.number().int().nonnegative() });
/** A printed receipt as a PNG data URL, rendered at the printer's dot width. */
export const receiptImageSchema = z.object({ dataUrl: z.string() });
