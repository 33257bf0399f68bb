import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import type { HidDeviceLike } from '../../../../native/scanners/index.js';

/** Builds the scanned-data reports a HID POS scanner would send for `data` (synthetic reports). */
export function encodeHidPosReports(
  data: Uint8Array,
  aimId = ']Q0',
  withReportId = true,
): Buffer[] {
  const reports: Buffer[] = [];
  let offset = 0;
  do {
    const part = data.subarray(offset, offset + 56);
    offset += part.length;
    const body = Buffer.alloc(63);
    body[0] = part.length;
    body.write(aimId, 1, 'latin1');
    Buffer.from(part).copy(body, 4);
    body[60] = 0x73;
    body[62] = offset < data.length ? 1 : 0;
    reports.push(withReportId ? Buffer.concat([Buffer.from([0x02]), body]) : body);
  } while (offset < data.length);
  return reports;
}

/** Reads a fixture of hex reports, one per line, `#` comments. */
export function readHexReports(path: string): Buffer[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => Buffer.from(line, 'hex'));
}

/** Stands in for node-hid's device: the test emits reports and errors through it. */
export class FakeHidDevice extends EventEmitter implements HidDeviceLike {
  closed = false;

  close(): void {
    this.closed = true;
  }

  send(...reports: Buffer[]): void {
    for (const report of reports) this.emit('data', report);
  }
}
