import { z } from 'zod';

/** The close-out's settings (main/config passes them; defaults suit most shops). */
export const closeoutConfigSchema = z.object({
  terminalId: z.string().regex(/^[A-Za-z0-9-]{1,32}$/),
  currency: z.string().regex(/^[A-Z]{3}$/).default('KRW'),
  /**
   * Hour (KST, 0-23) at which the business date turns: a bar open past
   * midnight sets 4, so its 01:30 sales belong to the evening's date.
   */
  cutoffHour: z.number().int().min(0).max(23).default(4),
  /** How many items the Z lists by name before summing the rest. */
  topItems: z.number().int().min(1).max(100).default(10),
  /** How many open items and differences a report lists (their totals are always complete). */
  listLimit: z.number().int().min(1).max(1_000).default(100),
});

export type CloseoutConfig = z.output<typeof closeoutConfigSchema>;
export type CloseoutConfigInput = z.input<typeof closeoutConfigSchema>;
