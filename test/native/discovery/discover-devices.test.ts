import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverDevices, findExecutable, systemProbes } from '../../../native/discovery/index.js';
import type {
  DiscoveryProbes,
  HidDeviceEntry,
  SerialPortEntry,
} from '../../../native/discovery/index.js';

function probes(overrides: Partial<DiscoveryProbes>): DiscoveryProbes {
  return {
    hasUdevadm: () => true,
    listSerialPorts: async () => [],
    listTtyNodes: async () => [],
    listHidDevices: async () => [],
    ...overrides,
  };
}

describe('discoverDevices', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pos-discovery-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says udevadm is missing and falls back to scanning /dev, on a PATH without udevadm', async () => {
    const dev = join(dir, 'dev');
    const emptyBin = join(dir, 'bin');
    await mkdir(dev);
    await mkdir(emptyBin);
    for (const name of ['ttyS0', 'ttyUSB0', 'ttyACM1', 'tty1', 'ttyUSBx', 'console'])
      await writeFile(join(dev, name), '');

    const system = systemProbes({ env: { PATH: emptyBin }, devDir: dev, platform: 'linux' });
    expect(system.hasUdevadm()).toBe(false);
    const result = await discoverDevices({ ...system, listHidDevices: async () => [] });

    expect(result.serialListing).toBe('dev-scan');
    expect(result.serialPorts.map((p) => p.path)).toEqual([
      join(dev, 'ttyACM1'),
      join(dev, 'ttyS0'),
      join(dev, 'ttyUSB0'),
    ]);
    expect(result.notes[0]).toMatch(
      /udevadm is missing.*\/dev\/ttyS\*, \/dev\/ttyUSB\*, \/dev\/ttyACM\*/,
    );
    expect(result.notes).toContainEqual(expect.stringMatching(/without USB ids/));
    expect(result.suggestions).toEqual([]);
  });

  it('never spawns the serial lister when udevadm is missing', async () => {
    let listed = false;
    const result = await discoverDevices(
      probes({
        hasUdevadm: () => false,
        listSerialPorts: async () => {
          listed = true;
          return [];
        },
        listTtyNodes: async () => ['/dev/ttyUSB0'],
      }),
    );
    expect(listed).toBe(false);
    expect(result.serialPorts).toEqual([{ path: '/dev/ttyUSB0' }]);
  });

  it('falls back to /dev when the lister fails, and says why', async () => {
    const result = await discoverDevices(
      probes({
        listSerialPorts: async () => {
          throw new Error('Error listing ports udevadm exited with error code: 1');
        },
        listTtyNodes: async () => ['/dev/ttyACM0'],
      }),
    );
    expect(result.serialListing).toBe('dev-scan');
    expect(result.notes[0]).toMatch(
      /listing serial ports failed \(Error listing ports udevadm exited.*\); listed \/dev/,
    );
  });

  it('keeps going when HID devices cannot be listed', async () => {
    const result = await discoverDevices(
      probes({
        listSerialPorts: async () => [
          { path: '/dev/ttyACM0', vendorId: 0x0c2e, productId: 0x0b87 },
        ],
        listHidDevices: async () => {
          throw new Error('could not open libusb');
        },
      }),
    );
    expect(result.hidDevices).toEqual([]);
    expect(result.notes).toEqual([
      expect.stringMatching(/listing HID devices failed \(could not open libusb\).*udev rule/),
    ]);
    expect(result.suggestions).toHaveLength(1);
  });

  it('recognises known vendors and suggests a configuration for each device', async () => {
    const serial: SerialPortEntry[] = [
      { path: '/dev/ttyACM0', vendorId: 0x0c2e, productId: 0x0b87, manufacturer: 'Honeywell' },
      { path: '/dev/ttyUSB0', vendorId: 0x04b8, productId: 0x0202 },
      { path: '/dev/ttyUSB1', vendorId: 0x0403, productId: 0x6001 },
      { path: '/dev/ttyS0' },
    ];
    const hid: HidDeviceEntry[] = [
      { path: '/dev/hidraw2', vendorId: 0x05e0, productId: 0x1300, usagePage: 0x8c, usage: 0x02 },
      { path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0b87, usagePage: 0xff8c, usage: 0x01 },
      { path: '/dev/hidraw4', vendorId: 0x05f9, productId: 0x2206, usagePage: 0x01, usage: 0x06 },
      { path: '/dev/hidraw5', vendorId: 0x05f9, productId: 0x2206, usagePage: 0x01, usage: 0x06 },
      { path: '/dev/hidraw6', vendorId: 0x1eab, productId: 0x8203, usagePage: 0x8c, usage: 0x02 },
      { path: '/dev/hidraw7', vendorId: 0x046d, productId: 0xc31c, usagePage: 0x01, usage: 0x06 },
    ];
    const result = await discoverDevices(
      probes({ listSerialPorts: async () => serial, listHidDevices: async () => hid }),
    );

    expect(result.serialListing).toBe('udevadm');
    expect(result.notes).toEqual([]);
    expect(result.serialPorts.map((p) => p.vendor)).toEqual([
      'Honeywell',
      'Epson',
      'unknown vendor 0403',
      undefined,
    ]);
    expect(result.hidDevices.map((d) => d.path)).not.toContain('/dev/hidraw3'); // Honeywell's vendor-defined twin
    expect(result.suggestions).toEqual([
      expect.objectContaining({
        kind: 'scanner',
        driver: 'serial-scanner',
        path: '/dev/ttyACM0',
        baudRate: 9600,
        vendor: 'Honeywell',
      }),
      expect.objectContaining({
        kind: 'printer',
        driver: 'escpos-serial',
        path: '/dev/ttyUSB0',
        vendor: 'Epson',
      }),
      expect.objectContaining({
        kind: 'scanner',
        driver: 'hid-pos-scanner',
        path: '/dev/hidraw2',
        vendor: 'Zebra (Symbol)',
      }),
      expect.objectContaining({ kind: 'scanner', driver: 'keyboard-wedge', vendor: 'Datalogic' }),
      expect.objectContaining({
        kind: 'scanner',
        driver: 'hid-pos-scanner',
        path: '/dev/hidraw6',
        vendor: 'Newland',
      }),
    ]);
  });
});

describe('system probes on this machine', () => {
  it('finds executables on PATH only when they are there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pos-path-'));
    try {
      expect(findExecutable('udevadm', dir)).toBe(false);
      await writeFile(join(dir, 'udevadm'), '#!/bin/sh\n');
      expect(findExecutable('udevadm', dir)).toBe(false); // not executable yet
      await chmod(join(dir, 'udevadm'), 0o755);
      expect(findExecutable('udevadm', `/nonexistent:${dir}`)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('survives the real SerialPort.list() failing to spawn udevadm', async () => {
    const emptyBin = await mkdtemp(join(tmpdir(), 'pos-nobin-'));
    const saved = process.env.PATH;
    process.env.PATH = emptyBin; // serialport spawns `udevadm` through the process PATH
    try {
      const system = systemProbes({ platform: 'linux' });
      const result = await discoverDevices({
        ...system,
        hasUdevadm: () => true,
        listHidDevices: async () => [],
      });
      expect(result.serialListing).toBe('dev-scan');
      expect(result.notes[0]).toMatch(/listing serial ports failed \(spawn udevadm ENOENT\)/);
    } finally {
      process.env.PATH = saved;
      await rm(emptyBin, { recursive: true, force: true });
    }
  });

  it('lists what the real serialport and node-hid report, through udevadm when it is installed', async () => {
    const system = systemProbes();
    const result = await discoverDevices(system);
    expect(result.serialListing).toBe(system.hasUdevadm() ? 'udevadm' : 'dev-scan');
    expect(Array.isArray(result.hidDevices)).toBe(true);
    for (const port of result.serialPorts) expect(port.path).toMatch(/^\/dev\//);
  });
});
