import { z } from 'zod';
import { walletSchema } from '../relay/protocol.js';

const timingSchema = z.object({
  intervalMs: z.number().int().min(1).optional(),
  passwordIntervalMs: z.number().int().min(1).optional(),
  deadlineMs: z.number().int().min(1).optional(),
  earliestReverseMs: z.number().int().min(0).optional(),
});

/**
 * The payment engine's settings. Defaults follow the wallets' own guidance
 * (../shared/REFERENCE.md): inquiry and reversal timing per wallet
 * (wallet-timing.ts); order codes live 180 s.
 */
export const paymentsConfigSchema = z.object({
  terminalId: z.string().regex(/^[A-Za-z0-9-]{3,32}$/),
  currency: z.string().regex(/^[A-Z]{3}$/).default('KRW'),
  /** Title the wallet shows the customer. */
  orderTitle: z.string().max(128).default('Counter POS'),
  /**
   * Overrides of the per-wallet timing table (wallet-timing.ts) for every
   * wallet; unset fields keep each wallet's own figures.
   */
  inquiry: timingSchema.prefault({}),
  /** Overrides for one wallet, over `inquiry`. */
  wallets: z.partialRecord(walletSchema, timingSchema).optional(),
  reversal: z
    .object({
      baseDelayMs: z.number().int().min(1).default(1_000),
      maxDelayMs: z.number().int().min(1).default(60_000),
    })
    .prefault({}),
  mpm: z
    .object({
      expireSeconds: z.number().int().min(30).max(900).default(180),
      pollIntervalMs: z.number().int().min(1).default(3_000),
    })
    .prefault({}),
  offlineMpm: z
    .object({
      /** After this long without the gateway reporting the payment, the owner is alerted. */
      unmatchedAfterMs: z.number().int().min(1).default(24 * 3_600_000),
      validForSeconds: z.number().int().min(30).default(600),
      /**
       * Bills the cashier gave up on (or that expired unanswered) are still
       * looked up this long past their validity: a payment made in time may
       * be reported late.
       */
      lateReportMs: z.number().int().min(0).default(3_600_000),
    })
    .prefault({}),
  /** Same-day cancellation (void) instead of a refund, where the gateway allows it. */
  sameDayVoid: z.boolean().default(true),
  /**
   * Hour (KST, 0-23) at which the business date turns, as in the close-out
   * (config.json `closeout.cutoffHour`; compose passes the same value to both):
   * every sale is dated by it and the clock (src/platform/business-time.ts).
   */
  cutoffHour: z.number().int().min(0).max(23).default(4),
});

export type PaymentsConfig = z.output<typeof paymentsConfigSchema>;
export type PaymentsConfigInput = z.input<typeof paymentsConfigSchema>;
