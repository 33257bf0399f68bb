import { z } from 'zod';
import { pinSchema } from '../../payments/pin-policy.js';

/** One row of the device list: the same fields as src/devices' DeviceStatus. */
export const deviceRowSchema = z.object({
  deviceId: z.string(),
  kind: z.enum(['scanner', 'customer-display', 'printer', 'drawer']),
  driver: z.string(),
  state: z.enum(['connecting', 'connected', 'disconnected', 'error', 'stopped']),
  reason: z.string().optional(),
  since: z.number().int(),
  /** A drawer's open sensor, where its printer can read it (issue 16, Deliver 4). */
  drawerOpen: z.boolean().optional(),
});
export type DeviceRow = z.infer<typeof deviceRowSchema>;

/**
 * Pushed when a device's row changes (state, reason, the drawer sensor) or a device goes away:
 * the devices screen reads the list again, so a flipped drawer sensor shows without a reload.
 */
export const devicesChangedSchema = z.object({ deviceId: z.string() });

export const deviceListSchema = z.object({
  devices: z.array(deviceRowSchema),
  /** The receipt printer's capability profile (native/printer profiles). */
  printerProfile: z.string(),
  printerProfiles: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type DeviceList = z.infer<typeof deviceListSchema>;

/**
 * A code from a software scanner: the training scan box (typed or pasted) or
 * the keyboard-wedge detector of the cashier window. It goes through the
 * scanner hub like any other scan and comes back as the `scan` event.
 */
export const submitScanSchema = z.strictObject({
  source: z.enum(['scan-box', 'keyboard-wedge']),
  code: z.string().min(1).max(4096),
});

/** The printer profile decides what the till sends to the printer, so choosing it needs a manager's PIN. */
export const printerProfileInputSchema = z.strictObject({ profile: z.string().min(1).max(40), managerPin: pinSchema });
