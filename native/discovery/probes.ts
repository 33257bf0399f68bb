import { accessSync, constants } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { devicesAsync } from 'node-hid';
import { SerialPort } from 'serialport';

/** A serial port as the system lists it. USB ids are present only when udev knows them. */
export interface SerialPortEntry {
  path: string;
  vendorId?: number;
  productId?: number;
  manufacturer?: string;
  serialNumber?: string;
}

/** A HID interface as hidapi lists it. One USB scanner often exposes several. */
export interface HidDeviceEntry {
  path?: string;
  vendorId: number;
  productId: number;
  usagePage?: number;
  usage?: number;
  manufacturer?: string;
  product?: string;
}

/** What discovery asks the system; injectable so tests cover a machine without udevadm. */
export interface DiscoveryProbes {
  /** Whether the serial port lister can work: on Linux, serialport spawns `udevadm`. */
  hasUdevadm(): boolean;
  listSerialPorts(): Promise<SerialPortEntry[]>;
  /** Names of the serial device nodes under /dev (the fallback when udevadm is missing). */
  listTtyNodes(): Promise<string[]>;
  listHidDevices(): Promise<HidDeviceEntry[]>;
}

/** Whether `name` is an executable file in one of the PATH directories. */
export function findExecutable(name: string, pathVariable: string | undefined): boolean {
  for (const dir of (pathVariable ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

const hex = (value: string | undefined): number | undefined => {
  const n = value === undefined ? NaN : Number.parseInt(value, 16);
  return Number.isFinite(n) ? n : undefined;
};

const TTY_NODE = /^tty(S|USB|ACM)\d+$/;

/** The real probes: serialport, node-hid and the /dev directory. */
export function systemProbes(
  options: { env?: NodeJS.ProcessEnv; devDir?: string; platform?: NodeJS.Platform } = {},
): DiscoveryProbes {
  const env = options.env ?? process.env;
  const devDir = options.devDir ?? '/dev';
  const platform = options.platform ?? process.platform;
  return {
    // Only Linux lists ports through udevadm; Windows and macOS use system APIs.
    hasUdevadm: () => platform !== 'linux' || findExecutable('udevadm', env.PATH),
    listSerialPorts: async () =>
      (await SerialPort.list()).map((p) => ({
        path: p.path,
        ...(hex(p.vendorId) === undefined ? {} : { vendorId: hex(p.vendorId) }),
        ...(hex(p.productId) === undefined ? {} : { productId: hex(p.productId) }),
        ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
        ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
      })),
    listTtyNodes: async () =>
      (await readdir(devDir))
        .filter((name) => TTY_NODE.test(name))
        .sort()
        .map((name) => join(devDir, name)),
    listHidDevices: async () =>
      (await devicesAsync()).map((d) => ({
        vendorId: d.vendorId,
        productId: d.productId,
        ...(d.path ? { path: d.path } : {}),
        ...(d.usagePage === undefined ? {} : { usagePage: d.usagePage }),
        ...(d.usage === undefined ? {} : { usage: d.usage }),
        ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
        ...(d.product ? { product: d.product } : {}),
      })),
  };
}
