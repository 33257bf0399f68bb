import { aimIdSchema } from '../../src/devices/scanner.js';

/** HID usage page of bar code scanners (USB HID Point of Sale Usage Tables). */
export const HID_POS_USAGE_PAGE = 0x8c;
/** Report id of the scanned-data input report. */
export const HID_POS_SCAN_REPORT_ID = 0x02;
/** Data bytes one report carries. */
export const HID_POS_DATA_BYTES = 56;
/** Size of the report after its report-id byte. */
export const HID_POS_REPORT_BODY = 63;

/**
 * Whether reports arrive with the report-id byte first. node-hid on Linux
 * (hidraw) and Windows delivers it; WebHID and some libusb paths strip it.
 */
export type ReportIdMode = 'auto' | 'present' | 'absent';

/** One decoded scanned-data report. */
export interface HidPosReport {
  /** Valid data bytes in this report (0-56). */
  data: Buffer;
  /** AIM identifier such as `]Q0`; undefined when the scanner sends none. */
  aimId?: string;
  /** Vendor-specific symbology byte (Honeywell's own code id, e.g. 's' for QR). */
  vendorSymbology: number;
  /** More reports follow for this code. */
  more: boolean;
}

/** A report that does not follow the scanned-data layout. */
export class HidReportError extends Error {
  override readonly name = 'HidReportError';
}

/**
 * Decodes one scanned-data report. Layout after the report id (byte numbers
 * with the id at 0, as printed in scanner manuals such as Access-IS LSR118
 * appendix B and the HID POS usage tables):
 *   1      length of the data in this report
 *   2-4    AIM symbology identifier (`]`, code, modifier)
 *   5-60   data, up to 56 bytes, zero-padded
 *   61     vendor symbology identifier
 *   62     reserved
 *   63     bit 0: more data follows in the next report
 */
export function decodeHidPosReport(report: Uint8Array, mode: ReportIdMode = 'auto'): HidPosReport {
  // The two forms differ by exactly the id byte, so the length tells them apart.
  const withId = mode === 'auto' ? report.length === HID_POS_REPORT_BODY + 1 : mode === 'present';
  if (withId && report[0] !== HID_POS_SCAN_REPORT_ID) {
    throw new HidReportError(
      `report id 0x${(report[0] ?? 0).toString(16)} is not the scanned-data report (0x02)`,
    );
  }
  const body = Buffer.from(
    report.buffer,
    report.byteOffset + (withId ? 1 : 0),
    report.length - (withId ? 1 : 0),
  );
  if (body.length !== HID_POS_REPORT_BODY) {
    throw new HidReportError(
      `report of ${report.length} bytes: expected ${HID_POS_REPORT_BODY + 1} with the report id or ${HID_POS_REPORT_BODY} without`,
    );
  }
  const length = body[0]!;
  if (length > HID_POS_DATA_BYTES)
    throw new HidReportError(`data length ${length} exceeds ${HID_POS_DATA_BYTES}`);
  const aim = body.subarray(1, 4).toString('latin1');
  return {
    data: Buffer.from(body.subarray(4, 4 + length)),
    ...(aimIdSchema.safeParse(aim).success ? { aimId: aim } : {}),
    vendorSymbology: body[60]!,
    more: (body[62]! & 0x01) === 1,
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
