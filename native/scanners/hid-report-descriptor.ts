import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { HID_POS_USAGE_PAGE } from './hid-pos-report.js';
import type { HidPosLayout } from './hid-pos-layout.js';

// Barcode scanner page usages (USB HID Point of Sale Usage Tables, page 0x8C).
const SYMBOLOGY_ID_1 = 0xfb;
const DECODED_DATA = 0xfe;
const DECODE_DATA_CONTINUED = 0xff;

interface InputField {
  page: number;
  usage: number | undefined;
  bitOffset: number;
  bitSize: number;
  count: number;
}

/** The input fields of each report id, in order, from a HID report descriptor (HID 1.11 §6.2.2). */
function inputFields(descriptor: Uint8Array): Map<number, InputField[]> {
  const reports = new Map<number, InputField[]>();
  const bits = new Map<number, number>();
  let page = 0;
  let size = 0;
  let count = 0;
  let reportId = 0;
  let usages: { page: number; usage: number }[] = [];
  for (let i = 0; i < descriptor.length; ) {
    const prefix = descriptor[i]!;
    if (prefix === 0xfe) {
      i += 3 + (descriptor[i + 1] ?? 0); // long item: never used by scanners, skipped
      continue;
    }
    const dataSize = [0, 1, 2, 4][prefix & 0x03]!;
    let value = 0;
    for (let b = 0; b < dataSize; b++) value |= (descriptor[i + 1 + b] ?? 0) << (8 * b);
    value >>>= 0;
    const type = (prefix >> 2) & 0x03;
    const tag = prefix >> 4;
    i += 1 + dataSize;
    if (type === 1) {
      if (tag === 0) page = value;
      else if (tag === 7) size = value;
      else if (tag === 8) reportId = value;
      else if (tag === 9) count = value;
    } else if (type === 2 && tag === 0) {
      // A 4-byte usage carries its own page in the high half.
      usages.push(dataSize === 4 ? { page: value >>> 16, usage: value & 0xffff } : { page, usage: value });
    } else if (type === 0) {
      if (tag === 8) {
        const offset = bits.get(reportId) ?? 0;
        const fields = reports.get(reportId) ?? [];
        const constant = (value & 0x01) === 1;
        // Variable items give one usage per field (the last repeats); an array or buffered-bytes
        // item with one usage is one field of `count` elements.
        const perField = usages.length > 1;
        for (let f = 0; f < (perField ? count : 1); f++) {
          const u = constant ? undefined : (usages[Math.min(f, usages.length - 1)] ?? undefined);
          fields.push({
            page: u?.page ?? page,
            usage: u?.usage,
            bitOffset: offset + f * size,
            bitSize: size,
            count: perField ? 1 : count,
          });
        }
        bits.set(reportId, offset + size * count);
        reports.set(reportId, fields);
      }
      usages = [];
    }
  }
  return reports;
}

/**
 * Reads the scanned-data report's layout from a HID report descriptor: the
 * decoded-data field, the AIM symbology identifier, the continuation bit, and
 * the one-byte length and vendor symbology fields around them. Returns
 * undefined when the descriptor has no HID POS scanned-data report.
 */
export function layoutFromDescriptor(descriptor: Uint8Array): HidPosLayout | undefined {
  for (const [reportId, fields] of inputFields(descriptor)) {
    const onPage = (usage: number) =>
      fields.find((f) => f.page === HID_POS_USAGE_PAGE && f.usage === usage);
    const data = onPage(DECODED_DATA);
    const more = onPage(DECODE_DATA_CONTINUED);
    if (!data || !more || data.bitSize !== 8 || data.bitOffset % 8 !== 0) continue;
    const idBytes = reportId === 0 ? 0 : 1;
    const byteOf = (f: InputField) => f.bitOffset / 8 + idBytes;
    const aim = onPage(SYMBOLOGY_ID_1);
    const first = Math.min(byteOf(data), aim ? byteOf(aim) : Infinity);
    const dataEnd = byteOf(data) + data.count;
    const byteField = (f: InputField) => f.usage !== undefined && f.bitSize === 8 && f.count === 1;
    const length = fields.find((f) => byteField(f) && byteOf(f) === first - 1);
    const vendor = fields.find((f) => byteField(f) && f.page >= 0xff00 && byteOf(f) >= dataEnd);
    const totalBits = Math.max(...fields.map((f) => f.bitOffset + f.bitSize * f.count));
    return {
      name: 'descriptor',
      reportBytes: Math.ceil(totalBits / 8) + idBytes,
      ...(length ? { lengthAt: byteOf(length) } : {}),
      ...(aim ? { aimAt: byteOf(aim) } : {}),
      dataAt: byteOf(data),
      dataBytes: data.count,
      ...(vendor ? { symbologyAt: byteOf(vendor) } : {}),
      moreAt: Math.floor(more.bitOffset / 8) + idBytes,
      moreMask: 1 << more.bitOffset % 8,
    };
  }
  return undefined;
}

/**
 * Reads the report descriptor Linux exposes for a hidraw node
 * (`/sys/class/hidraw/hidrawN/device/report_descriptor`); undefined where the
 * platform does not give it (another OS, a path that is not a hidraw node).
 */
export async function readHidrawDescriptor(
  hidrawPath: string,
  sysfsRoot = '/sys/class/hidraw',
): Promise<Buffer | undefined> {
  const node = basename(hidrawPath);
  if (!/^hidraw\d+$/.test(node)) return undefined;
  try {
    return await readFile(`${sysfsRoot}/${node}/device/report_descriptor`);
  } catch {
    return undefined;
  }
}
