import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  HONEYWELL_LAYOUT,
  HidPosAssembler,
  NEWLAND_LAYOUT,
  decodeHidPosReport,
  layoutFromDescriptor,
  readHidrawDescriptor,
} from '../../../native/scanners/index.js';
import { readHexReports } from './support/hid-reports.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const descriptor = (name: string) => readHexReports(fixture(name))[0]!;

describe('HID POS layouts from the report descriptor', () => {
  const dir = useTempDir('pos-hidraw-');

  it.each([
    ['honeywell-report-descriptor.hex', HONEYWELL_LAYOUT],
    ['newland-report-descriptor.hex', NEWLAND_LAYOUT],
  ])('reads the field positions of %s', (file, layout) => {
    expect(layoutFromDescriptor(descriptor(file))).toEqual({ ...layout, name: 'descriptor' });
  });

  it('finds no scanned-data report in a keyboard descriptor', () => {
    // Boot keyboard: modifiers, reserved byte, six key codes (HID 1.11 appendix B.1).
    const keyboard = Buffer.from(
      '05010906a101050719e029e71500250175019508810295017508810195067508150025650507190029658100c0',
      'hex',
    );
    expect(layoutFromDescriptor(keyboard)).toBeUndefined();
  });

  it('joins a multi-report Newland code whose Hangul straddles the report boundary', () => {
    const assembler = new HidPosAssembler();
    const reports = readHexReports(fixture('newland-fm430-reports.hex'));
    expect(reports).toHaveLength(2);
    const scans = reports.flatMap((r) => assembler.push(decodeHidPosReport(r, 'auto', NEWLAND_LAYOUT)) ?? []);
    expect(scans.map((s) => s.bytes.toString('utf8'))).toEqual([
      'hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAVVVWUAh한글상품',
    ]);
    expect(decodeHidPosReport(reports[0]!, 'auto', NEWLAND_LAYOUT).vendorSymbology).toBe(0x51);
  });

  it('reads the descriptor Linux exposes under /sys/class/hidraw, and nothing for other paths', async () => {
    const bytes = descriptor('newland-report-descriptor.hex');
    const sysfs = dir();
    await mkdir(join(sysfs, 'hidraw3', 'device'), { recursive: true });
    await writeFile(join(sysfs, 'hidraw3', 'device', 'report_descriptor'), bytes);
    expect(await readHidrawDescriptor('/dev/hidraw3', sysfs)).toEqual(bytes);
    expect(await readHidrawDescriptor('/dev/hidraw4', sysfs)).toBeUndefined();
    expect(await readHidrawDescriptor('usb:1eab:1d06', sysfs)).toBeUndefined();
  });
});
