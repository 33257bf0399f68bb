import { z } from 'zod';

/** Training embeds the sandbox gateway and virtual devices; live moves real money. */
export const posModeSchema = z.enum(['training', 'live']);
export type PosMode = z.infer<typeof posModeSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: posModeSchema,
  terminalId: z.string(),
  /** config.json names a store server: the close-out screen offers the store's 마감정산. */
  storeLinked: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** Connectivity of the relay client (DESIGN.md, Offline). */
export const gatewayStateSchema = z.enum(['online', 'degraded', 'offline']);

/** The printer as the cashier needs to know it, from the real-time status bytes. */
export const printerStateSchema = z.enum([
  'ready',
  'paper-near-end',
  'paper-out',
  'cover-open',
  'offline',
  'not-configured',
]);

/** The same states as a device's connection in src/devices/device-status.ts. */
export const connectionStateSchema = z.enum([
  'connecting',
  'connected',
  'disconnected',
  'error',
  'stopped',
]);

export const scannerStatusSchema = z.object({
  deviceId: z.string(),
  driver: z.string(),
  state: connectionStateSchema,
  reason: z.string().optional(),
});

/** What the status bar shows at all times. */
export const appStatusSchema = z.object({
  gateway: gatewayStateSchema,
  outboxDepth: z.number().int().nonnegative(),
  printer: z.object({ state: printerStateSchema, reason: z.string().optional() }),
  scanners: z.array(scannerStatusSchema),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

/**
 * A code read by a scanner. Wallet payment codes are single-use secrets: the
 * UI uses `text` to pay at once and never stores it.
 */
export const scanEventSchema = z.object({
  deviceId: z.string(),
  code: z.string().min(1).max(4096),
  /** AIM symbology identifier when the scanner sends one (`]Q0` QR, `]C0` Code 128). */
  symbology: z.string().max(3).optional(),
  receivedAt: z.number().int(),
});
export type ScanEvent = z.infer<typeof scanEventSchema>;

/** Methods that take no arguments accept nothing (or an empty object from a form). */
export const noInput = z.union([z.undefined(), z.strictObject({})]);
