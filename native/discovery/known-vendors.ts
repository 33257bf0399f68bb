import type { DeviceKind } from '../../src/devices/device-status.js';

/** A USB vendor whose devices we recognise. */
export interface KnownVendor {
  vendorId: number;
  name: string;
  kind: Extract<DeviceKind, 'scanner' | 'printer'>;
}

/**
 * USB vendor ids of the scanner and receipt-printer makers found on Korean
 * counters (from the usb.ids registry). A vendor id says who made the device,
 * not what it is; the interface (HID usage page, tty) decides the driver.
 */
export const KNOWN_VENDORS: readonly KnownVendor[] = [
  { vendorId: 0x0c2e, name: 'Honeywell', kind: 'scanner' },
  { vendorId: 0x05e0, name: 'Zebra (Symbol)', kind: 'scanner' },
  { vendorId: 0x05f9, name: 'Datalogic', kind: 'scanner' },
  { vendorId: 0x1eab, name: 'Newland', kind: 'scanner' },
  { vendorId: 0x04b8, name: 'Epson', kind: 'printer' },
  { vendorId: 0x1504, name: 'Bixolon', kind: 'printer' },
  { vendorId: 0x0519, name: 'Star Micronics', kind: 'printer' },
];

/** The known vendor with this id, if any. */
export function knownVendor(vendorId: number | undefined): KnownVendor | undefined {
  return vendorId === undefined ? undefined : KNOWN_VENDORS.find((v) => v.vendorId === vendorId);
}

/** Formats a USB id the way lsusb and udev print it: 4 lower-case hex digits. */
export function usbId(id: number): string {
  return id.toString(16).padStart(4, '0');
}
