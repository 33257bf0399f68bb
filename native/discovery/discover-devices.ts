import type { DeviceKind } from '../../src/devices/device-status.js';
import { HID_POS_USAGE_PAGE } from '../scanners/hid-pos-report.js';
import { knownVendor, usbId } from './known-vendors.js';
import type { KnownVendor } from './known-vendors.js';
import type { DiscoveryProbes, HidDeviceEntry, SerialPortEntry } from './probes.js';

/** A configuration discovery proposes for one device; the operator confirms it. */
export interface DeviceSuggestion {
  kind: DeviceKind;
  /** 'serial-scanner' | 'hid-pos-scanner' | 'keyboard-wedge' | 'escpos-serial' */
  driver: string;
  path?: string;
  baudRate?: number;
  vendor?: string;
  /** Why this suggestion, and what to check. */
  reason: string;
}

/** What discovery found. `notes` says what could not be looked at, and why. */
export interface DiscoveryResult {
  /** How serial ports were found: through udev (with USB ids) or by scanning /dev (names only). */
  serialListing: 'udevadm' | 'dev-scan';
  serialPorts: Array<SerialPortEntry & { vendor?: string }>;
  hidDevices: Array<HidDeviceEntry & { vendor?: string }>;
  suggestions: DeviceSuggestion[];
  notes: string[];
}

// HID usage page 0x01 (generic desktop), usage 0x06: a keyboard.
const GENERIC_DESKTOP = 0x01;
const KEYBOARD_USAGE = 0x06;
// Honeywell's vendor-defined twin of the POS page; it carries configuration, not scans.
const HONEYWELL_VENDOR_PAGE = 0xff8c;
// Serial scanners and pole displays ship at 9600 8N1.
const DEFAULT_BAUD = 9600;

const describeVendor = (
  vendor: KnownVendor | undefined,
  id: number | undefined,
): string | undefined =>
  vendor ? vendor.name : id === undefined ? undefined : `unknown vendor ${usbId(id)}`;

/** The driver of a known vendor's device on a serial port, and what to tell the operator about it. */
const SERIAL_DRIVERS: Record<
  KnownVendor['kind'],
  { driver: string; reason: (vendor: string) => string }
> = {
  scanner: {
    driver: 'serial-scanner',
    reason: (vendor) =>
      `${vendor} scanner in USB serial (CDC) mode; factory setting is 9600 8N1 with a CR suffix`,
  },
  printer: {
    driver: 'escpos-serial',
    reason: (vendor) =>
      `${vendor} printer on a serial port; check its baud rate on the self-test page`,
  },
};

function suggestSerial(port: SerialPortEntry): DeviceSuggestion | undefined {
  const vendor = knownVendor(port.vendorId);
  if (!vendor) return undefined;
  const { driver, reason } = SERIAL_DRIVERS[vendor.kind];
  return {
    kind: vendor.kind,
    driver,
    path: port.path,
    baudRate: DEFAULT_BAUD,
    vendor: vendor.name,
    reason: reason(vendor.name),
  };
}

function suggestHid(device: HidDeviceEntry): DeviceSuggestion | undefined {
  const vendor = knownVendor(device.vendorId);
  const name = describeVendor(vendor, device.vendorId);
  if (device.usagePage === HID_POS_USAGE_PAGE && device.path) {
    return {
      kind: 'scanner',
      driver: 'hid-pos-scanner',
      path: device.path,
      ...(name ? { vendor: name } : {}),
      reason: 'USB HID POS scanner (usage page 0x8C): codes bypass the keyboard',
    };
  }
  if (
    vendor?.kind === 'scanner' &&
    device.usagePage === GENERIC_DESKTOP &&
    device.usage === KEYBOARD_USAGE
  ) {
    return {
      kind: 'scanner',
      driver: 'keyboard-wedge',
      vendor: vendor.name,
      reason: `${vendor.name} scanner in keyboard mode: the cashier screen detects its codes by timing; scan the vendor's "USB HID POS" programming code for a more robust mode`,
    };
  }
  return undefined;
}

async function listSerial(
  probes: DiscoveryProbes,
  notes: string[],
): Promise<Pick<DiscoveryResult, 'serialListing' | 'serialPorts'>> {
  if (probes.hasUdevadm()) {
    try {
      return { serialListing: 'udevadm', serialPorts: await probes.listSerialPorts() };
    } catch (err) {
      notes.push(
        `listing serial ports failed (${(err as Error).message}); listed /dev/ttyS*, /dev/ttyUSB*, /dev/ttyACM* instead, without USB ids`,
      );
    }
  } else {
    notes.push(
      'udevadm is missing (serialport lists ports through it on Linux): listed /dev/ttyS*, /dev/ttyUSB*, /dev/ttyACM* instead, without USB vendor ids; install udev for full details',
    );
  }
  try {
    return {
      serialListing: 'dev-scan',
      serialPorts: (await probes.listTtyNodes()).map((path) => ({ path })),
    };
  } catch (err) {
    notes.push(`scanning /dev for serial ports failed: ${(err as Error).message}`);
    return { serialListing: 'dev-scan', serialPorts: [] };
  }
}

async function listHid(probes: DiscoveryProbes, notes: string[]): Promise<HidDeviceEntry[]> {
  try {
    return await probes.listHidDevices();
  } catch (err) {
    notes.push(
      `listing HID devices failed (${(err as Error).message}); on Linux, reading hidraw needs the udev rule in docs/hardware-scanners.md`,
    );
    return [];
  }
}

/**
 * Lists serial ports and HID devices, names the vendors we know, and proposes
 * a configuration for each recognised device. Never throws: what could not be
 * probed is said in `notes`, so the device screen always has something to show.
 */
export async function discoverDevices(probes: DiscoveryProbes): Promise<DiscoveryResult> {
  const notes: string[] = [];
  const [{ serialListing, serialPorts }, hid] = await Promise.all([
    listSerial(probes, notes),
    listHid(probes, notes),
  ]);
  const hidDevices = hid
    .filter((d) => d.usagePage !== HONEYWELL_VENDOR_PAGE)
    .map((d) => {
      const vendor = describeVendor(knownVendor(d.vendorId), d.vendorId);
      return vendor ? { ...d, vendor } : d;
    });
  const named = serialPorts.map((p) => {
    const vendor = describeVendor(knownVendor(p.vendorId), p.vendorId);
    return vendor ? { ...p, vendor } : p;
  });
  // A keyboard-mode scanner may expose several keyboard interfaces: suggest it once.
  const suggestions = [
    ...new Map(
      [...serialPorts.map(suggestSerial), ...hidDevices.map(suggestHid)]
        .filter((s): s is DeviceSuggestion => s !== undefined)
        .map((s) => [`${s.driver}|${s.path ?? ''}|${s.vendor ?? ''}`, s] as const),
    ).values(),
  ];
  if (serialListing === 'dev-scan' && serialPorts.length > 0) {
    notes.push(
      'without USB ids no serial device can be recognised: pick the port by unplugging and re-listing',
    );
  }
  return { serialListing, serialPorts: named, hidDevices, suggestions, notes };
}
