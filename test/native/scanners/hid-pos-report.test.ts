import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  HidPosAssembler,
  HidReportError,
  decodeHidPosReport,
} from '../../../native/scanners/index.js';
import type { AssembledScan } from '../../../native/scanners/index.js';
import { encodeHidPosReports, readHexReports } from './support/hid-reports.js';

const fixture = fileURLToPath(new URL('./fixtures/access-is-bcbp-reports.hex', import.meta.url));
const BOARDING_PASS = 'M1GATHERGOOD/MICHAEL  YABCDEF LHRDURAK 3542 052Y003D23  1000';

function assemble(
  reports: Buffer[],
  mode: 'auto' | 'present' | 'absent' = 'auto',
): AssembledScan[] {
  const assembler = new HidPosAssembler();
  return reports.flatMap((r) => assembler.push(decodeHidPosReport(r, mode)) ?? []);
}

describe('HID POS scanned-data reports', () => {
  it('decodes the manual example report field by field', () => {
    const [first, second] = readHexReports(fixture);
    expect(first).toHaveLength(64);
    const report = decodeHidPosReport(first!);
    expect(report.data.toString('latin1')).toBe(BOARDING_PASS.slice(0, 56));
    expect(report).toMatchObject({ aimId: ']Q0', vendorSymbology: 0x73, more: true });
    expect(decodeHidPosReport(second!)).toMatchObject({ data: Buffer.from('1000'), more: false });
  });

  it('joins a code that spans two reports', () => {
    const scans = assemble(readHexReports(fixture));
    expect(scans).toEqual([{ bytes: Buffer.from(BOARDING_PASS, 'latin1'), aimId: ']Q0' }]);
  });

  it('reads the same reports without the leading report-id byte (WebHID, some libusb paths)', () => {
    const stripped = readHexReports(fixture).map((r) => r.subarray(1));
    expect(stripped[0]).toHaveLength(63);
    expect(assemble(stripped)).toEqual(assemble(readHexReports(fixture)));
    expect(assemble(stripped, 'absent')).toEqual(assemble(readHexReports(fixture), 'present'));
  });

  it('round-trips any text, split over as many reports as it needs, with and without report ids', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.boolean(), (text, withId) => {
        fc.pre(text.length > 0);
        const bytes = Buffer.from(text, 'utf8');
        const scans = assemble(encodeHidPosReports(bytes, ']Q1', withId));
        expect(scans).toHaveLength(1);
        expect(scans[0]!.bytes.toString('utf8')).toBe(text);
        expect(scans[0]!.aimId).toBe(']Q1');
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a Hangul character whole when it straddles two reports', () => {
    const text = `${'A'.repeat(55)}한글`; // '한' occupies bytes 55-57: across the 56-byte boundary
    const scans = assemble(encodeHidPosReports(Buffer.from(text, 'utf8')));
    expect(scans[0]!.bytes.toString('utf8')).toBe(text);
  });

  it('leaves out the symbology when the scanner sends no AIM id', () => {
    const [report] = encodeHidPosReports(Buffer.from('123'), '\0\0\0');
    expect(decodeHidPosReport(report!).aimId).toBeUndefined();
  });

  it.each([
    ['a report of the wrong size', Buffer.alloc(10), /report of 10 bytes/],
    [
      'another report id',
      Buffer.concat([Buffer.from([0x04]), Buffer.alloc(63)]),
      /report id 0x4 is not the scanned-data report/,
    ],
    [
      'a length past 56',
      Buffer.concat([Buffer.from([0x02, 57]), Buffer.alloc(62)]),
      /data length 57 exceeds 56/,
    ],
  ])('refuses %s', (_what, report, message) => {
    expect(() => decodeHidPosReport(report)).toThrow(HidReportError);
    expect(() => decodeHidPosReport(report)).toThrow(message);
  });

  it('refuses a report with an id when told ids are absent', () => {
    const [report] = readHexReports(fixture);
    expect(() => decodeHidPosReport(report!, 'absent')).toThrow(/report of 64 bytes/);
  });

  it('drops a code that grows past the limit and starts clean afterwards', () => {
    const assembler = new HidPosAssembler(100);
    const [a, b] = encodeHidPosReports(Buffer.alloc(112, 0x31));
    expect(assembler.push(decodeHidPosReport(a!))).toBeNull();
    expect(() => assembler.push(decodeHidPosReport(b!))).toThrow(/longer than 100 bytes/);
    expect(assembler.waiting).toBe(false);
    const [c] = encodeHidPosReports(Buffer.from('ok'));
    expect(assembler.push(decodeHidPosReport(c!))?.bytes.toString()).toBe('ok');
  });

  it('hands back the parts of an abandoned code', () => {
    const assembler = new HidPosAssembler();
    const [first] = readHexReports(fixture);
    assembler.push(decodeHidPosReport(first!));
    expect(assembler.waiting).toBe(true);
    expect(assembler.abandon()).toHaveLength(56);
    expect(assembler.waiting).toBe(false);
  });
});
