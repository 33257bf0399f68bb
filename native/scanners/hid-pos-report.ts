import { aimIdSchema } from '../../src/devices/scanner.js';
import { HONEYWELL_LAYOUT } from './hid-pos-layout.js';
import type { HidPosLayout } from './hid-pos-layout.js';

/** HID usage page of bar code scanners (USB HID Point of Sale Usage Tables). */
export const HID_POS_USAGE_PAGE = 0x8c;
/** Report id of the scanned-data input report. */
export const HID_POS_SCAN_REPORT_ID = 0x02;

/**
 * Whether reports arrive with the report-id byte first. node-hid on Linux
 * (hidraw) and Windows delivers it; WebHID and some libusb paths strip it.
 */
export type ReportIdMode = 'auto' | 'present' | 'absent';

/** One decoded scanned-data report. */
export interface HidPosReport {
  /** Valid data bytes in this report. */
  data: Buffer;
  /** AIM identifier such as `]Q0`; undefined when the scanner sends none. */
  aimId?: string;
  /** Vendor-specific symbology byte (Honeywell's own code id, e.g. 's' for QR; 0 when none). */
  vendorSymbology: number;
  /** More reports follow for this code. */
  more: boolean;
}

/** A report that does not follow the scanned-data layout. */
export class HidReportError extends Error {
  override readonly name = 'HidReportError';
}

/**
 * Decodes one scanned-data report by a layout (byte numbers with the report
 * id at 0, as scanner manuals print them; `hid-pos-layout.ts`). A report
 * without the id byte is read with every offset one lower.
 */
export function decodeHidPosReport(
  report: Uint8Array,
  mode: ReportIdMode = 'auto',
  layout: HidPosLayout = HONEYWELL_LAYOUT,
): HidPosReport {
  // The two forms differ by exactly the id byte, so the length tells them apart.
  const withId = mode === 'auto' ? report.length === layout.reportBytes : mode === 'present';
  if (withId && report[0] !== HID_POS_SCAN_REPORT_ID) {
    throw new HidReportError(
      `report id 0x${(report[0] ?? 0).toString(16)} is not the scanned-data report (0x02)`,
    );
  }
  const expected = layout.reportBytes - (withId ? 0 : 1);
  if (report.length !== expected) {
    throw new HidReportError(
      `report of ${report.length} bytes: expected ${layout.reportBytes} with the report id or ${layout.reportBytes - 1} without`,
    );
  }
  const bytes = Buffer.from(report.buffer, report.byteOffset, report.length);
  const at = (offset: number) => offset - (withId ? 0 : 1);
  const field = bytes.subarray(at(layout.dataAt), at(layout.dataAt) + layout.dataBytes);
  let length: number;
  if (layout.lengthAt === undefined) {
    length = field.length;
    while (length > 0 && field[length - 1] === 0) length--;
  } else {
    length = bytes[at(layout.lengthAt)]!;
    if (length > layout.dataBytes)
      throw new HidReportError(`data length ${length} exceeds ${layout.dataBytes}`);
  }
  const aim =
    layout.aimAt === undefined
      ? ''
      : bytes.subarray(at(layout.aimAt), at(layout.aimAt) + 3).toString('latin1');
  return {
    data: Buffer.from(field.subarray(0, length)),
    ...(aimIdSchema.safeParse(aim).success ? { aimId: aim } : {}),
    vendorSymbology: layout.symbologyAt === undefined ? 0 : bytes[at(layout.symbologyAt)]!,
    more: (bytes[at(layout.moreAt)]! & layout.moreMask) !== 0,
  };
}

/** A complete code put together from one or more reports. */
export interface AssembledScan {
  bytes: Buffer;
  aimId?: string;
}

/**
 * Joins the reports of one code. A long QR code (an EMV consumer QR runs to a
 * few hundred bytes) spans several reports; bytes are joined before UTF-8
 * decoding because a multi-byte character may straddle two reports. The
 * driver calls `abandon()` when a continuation does not come in time.
 */
export class HidPosAssembler {
  private parts: Buffer[] = [];
  private size = 0;
  private aimId: string | undefined;

  constructor(private readonly maxBytes = 8192) {}

  /** Whether reports of an unfinished code are waiting for their continuation. */
  get waiting(): boolean {
    return this.parts.length > 0;
  }

  /**
   * Adds a report; returns the completed code, or null while more reports are
   * due. Throws HidReportError when a code grows past `maxBytes`.
   */
  push(report: HidPosReport): AssembledScan | null {
    if (this.parts.length === 0) this.aimId = report.aimId;
    this.parts.push(report.data);
    this.size += report.data.length;
    if (this.size > this.maxBytes) {
      this.reset();
      throw new HidReportError(`code longer than ${this.maxBytes} bytes`);
    }
    if (report.more) return null;
    const scan: AssembledScan = {
      bytes: Buffer.concat(this.parts),
      ...(this.aimId ? { aimId: this.aimId } : {}),
    };
    this.reset();
    return scan;
  }

  /** Drops an unfinished code; returns its bytes (empty when none) for the error report. */
  abandon(): Buffer {
    const dropped = Buffer.concat(this.parts);
    this.reset();
    return dropped;
  }

  private reset(): void {
    this.parts = [];
    this.size = 0;
    this.aimId = undefined;
  }
}
