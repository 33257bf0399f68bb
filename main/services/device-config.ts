import { z } from 'zod';
import { printerProfiles } from '../../native/printer/index.js';

/**
 * The `devices` section of config.json: the counter's real hardware, used in
 * live mode (training always uses its virtual printer and scan box). Every
 * part is optional; a device that is absent or fails at run time only shows
 * in the device list with its reason, it never stops the till.
 */

/** Rates serial receipt printers, scanners and pole displays offer (DIP switches, programming codes). */
const baudSchema = z.literal([1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200], {
  error: 'baud: one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200',
});
const PATH_NEEDED = 'path: the device node, e.g. /dev/serial/by-id/...';
const pathSchema = z.string({ error: PATH_NEEDED }).min(1, PATH_NEEDED);
const HOST_NEEDED = "host: the printer's address, e.g. 192.168.0.50";
const deviceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'id: lower-case letters, digits and dashes, at most 40');

/** A USB id as JSON can hold it: a number, or 4 hex digits as lsusb prints them ("0c2e", "0x0c2e"). */
const usbIdSchema = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^(0x)?[0-9a-fA-F]{4}$/, 'a USB id: 4 hex digits as lsusb prints them, e.g. "0c2e"')
    .transform((hex) => Number.parseInt(hex.replace(/^0x/i, ''), 16)),
]);

const profileSchema = z
  .string()
  .refine((id) => printerProfiles().some((p) => p.id === id), {
    error: () => `profile: one of ${printerProfiles().map((p) => p.id).join(', ')}`,
  })
  .optional();

/**
 * `none`: a printer that never answers DLE EOT (network print server, TX-only cable). Jobs then
 * count as printed once written; the risk is in docs/hardware-printers.md ("Write-only links").
 */
const statusSchema = z.enum(['dle-eot', 'none'], { error: 'status: "dle-eot" (ask the printer) or "none" (a write-only link)' }).default('dle-eot');

const printerSchema = z.discriminatedUnion(
  'transport',
  [
    z.strictObject({
      transport: z.literal('tcp'),
      host: z.string({ error: HOST_NEEDED }).min(1, HOST_NEEDED),
      port: z.number().int().min(1).max(65535).default(9100),
      status: statusSchema,
      profile: profileSchema,
    }),
    z.strictObject({
      transport: z.literal('serial'),
      path: pathSchema,
      baud: baudSchema.default(9600),
      /** RTS/CTS flow control, for printers that signal "buffer full" that way. */
      rtscts: z.boolean().default(false),
      status: statusSchema,
      profile: profileSchema,
    }),
    z.strictObject({ transport: z.literal('device'), path: pathSchema, profile: profileSchema }),
  ],
  { error: 'printer.transport: "tcp" (host, port), "serial" (path, baud) or "device" (path, e.g. /dev/usb/lp0)' },
);

const serialScannerSchema = z
  .strictObject({
    kind: z.literal('serial'),
    id: deviceIdSchema.optional(),
    path: pathSchema,
    baud: baudSchema.default(9600),
    /** The suffix the scanner is programmed to send after each code. */
    suffix: z.enum(['CR', 'LF', 'CRLF', 'none']).default('CR'),
    /** Silence that ends a code, for scanners sending no suffix. */
    idleTimeoutMs: z.number().int().positive().max(5000).optional(),
    aimPrefix: z.boolean().default(false),
  })
  .refine((s) => s.suffix !== 'none' || s.idleTimeoutMs !== undefined, {
    error: 'suffix "none" needs idleTimeoutMs to know where a code ends',
    path: ['idleTimeoutMs'],
  });

const hidScannerSchema = z
  .strictObject({
    kind: z.literal('hid'),
    id: deviceIdSchema.optional(),
    /** The hidraw node; or name the scanner by its USB ids and the interface is found at each open. */
    path: pathSchema.optional(),
    vendorId: usbIdSchema.optional(),
    productId: usbIdSchema.optional(),
  })
  .refine((s) => (s.path === undefined) === (s.vendorId !== undefined && s.productId !== undefined), {
    error: 'a hid scanner needs either path (/dev/hidraw3) or both vendorId and productId, not both ways',
  });

const scannerSchema = z.discriminatedUnion('kind', [serialScannerSchema, hidScannerSchema], {
  error: 'scanner kind: "serial" (path, baud, suffix) or "hid" (path, or vendorId and productId)',
});

/** Ids the till gives its own devices; a scanner may not take one (the device list is keyed by id). */
export const LIVE_DEVICE_IDS = { printer: 'receipt-printer', drawer: 'cash-drawer', poleDisplay: 'pole-display' } as const;
const TAKEN_IDS = new Set<string>([...Object.values(LIVE_DEVICE_IDS), 'keyboard-wedge', 'scan-box']);

export const devicesConfigSchema = z
  .strictObject({
    printer: printerSchema.optional(),
    /** A drawer on the printer's drawer-kick connector: pin 2 (most drawers) or 5 (a second drawer). */
    drawer: z.strictObject({ pin: z.literal([2, 5], { error: 'drawer.pin: 2 or 5' }).default(2) }).optional(),
    scanners: z.array(scannerSchema).max(8).default([]),
    poleDisplay: z
      .strictObject({ path: pathSchema, baud: baudSchema.default(9600), columns: z.number().int().min(16).max(40).default(20) })
      .optional(),
  })
  .refine((d) => d.drawer === undefined || d.printer !== undefined, {
    error: 'drawer needs a printer: it opens through the printer\'s drawer-kick connector',
    path: ['drawer'],
  })
  .transform((d) => ({ ...d, scanners: d.scanners.map((s, i) => ({ ...s, id: s.id ?? `${s.kind}-scanner-${i + 1}` })) }))
  .superRefine((d, ctx) => {
    const seen = new Set(TAKEN_IDS);
    d.scanners.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['scanners', i, 'id'], message: `id "${s.id}" is already used by another device` });
      seen.add(s.id);
    });
  });

export type DevicesConfig = z.output<typeof devicesConfigSchema>;
export type PrinterSetting = NonNullable<DevicesConfig['printer']>;
export type ScannerSetting = DevicesConfig['scanners'][number];
export type HidScannerSetting = Extract<ScannerSetting, { kind: 'hid' }>;
export type PoleDisplaySetting = NonNullable<DevicesConfig['poleDisplay']>;
