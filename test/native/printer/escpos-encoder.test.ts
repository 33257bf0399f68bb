import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { layoutReceipt, receiptPlainText } from '../../../src/receipts/receipt-layout.js';
import { displayWidth } from '../../../src/receipts/text-width.js';
import type { ReceiptDocument } from '../../../src/receipts/receipt-document.js';
import { getDot, inkCount } from '../../../native/printer/bitmap.js';
import { decodedText } from '../../../native/printer/decoder/decoded-receipt.js';
import { decodeEscPos } from '../../../native/printer/decoder/escpos-decoder.js';
import { renderReceiptPng } from '../../../native/printer/decoder/render-png.js';
import { EscPosReceiptEncoder } from '../../../native/printer/escpos-encoder.js';
import { PngDirectoryImageSource } from '../../../native/printer/image-source.js';
import { printerProfile } from '../../../native/printer/profiles.js';
import { qrBitmap } from '../../../native/printer/qr-raster.js';
import { sampleReceipt } from '../../../native/printer/sample-receipt.js';

const korean80 = printerProfile('korean-80');
const images = new PngDirectoryImageSource();
const encode = (doc: ReceiptDocument, profile = korean80): Uint8Array =>
  new EscPosReceiptEncoder(profile, images).encode(doc);
const hex = (bytes: Uint8Array | number[]): string => Buffer.from(bytes).toString('hex');
const decode = (bytes: Uint8Array, profile = korean80) =>
  decodeEscPos(bytes, { startsInDoubleByte: profile.korean?.startsInDoubleByte ?? false });

describe('ESC/POS receipt encoder', () => {
  const doc = sampleReceipt();
  const bytes = encode(doc);

  it('starts every job with ESC @ and sets every mode explicitly, double-byte mode off', () => {
    // ESC @, ESC t 0, ESC R 13 (Korea), FS ., FS ! 0, ESC ! 0, GS ! 0, ESC E 0, ESC - 0, FS - 0, ESC a 0, ESC 2
    expect(hex(bytes.subarray(0, 33))).toBe(
      '1b401b74001b520d1c2e1c21001b21001d21001b45001b2d001c2d001b61001b32',
    );
  });

  it('decodes back to the same text, 42 columns, with aligned item columns', () => {
    const expected = receiptPlainText(layoutReceipt(doc, 42), 42);
    const text = decodedText(decode(bytes), 42);
    expect(text).toEqual(expected);
    expect(text).toContain('아메리카노                   2       9,000');
    expect(text).toContain('카페라떼 (오트밀크 변경)     1       5,500');
    expect(text).toContain('*유기농 바나나               1       3,000');
    const itemRows = text.filter(
      (line) => /\d,\d{3}$|-\d+$/.test(line) && /\s\d+\s+-?[\d,]+$/.test(line),
    );
    expect(itemRows.length).toBeGreaterThanOrEqual(6);
    for (const row of itemRows) expect(displayWidth(row)).toBe(42);
  });

  it('sends Hangul as KS X 1001 inside FS &, the won sign as A3 DC, the total bold and double size', () => {
    const all = hex(bytes);
    // The store name is the first Hangul: FS & comes right before it. ASCII needs no switch back.
    const has = (fragment: string, what: string): void =>
      expect(all.includes(fragment), what).toBe(true);
    has('1b45011d21111b61011c26c4abbfeec5cd', 'ESC E 1, GS ! 0x11, ESC a 1, FS & 카운터');
    expect(all.match(/1c26/g)).toHaveLength(1);
    has('bec6b8deb8aec4abb3eb', '아메리카노 in CP949');
    has('1b45011d2111c7d5b0e8', 'ESC E 1, GS ! 0x11, 합계');
    has('a3dc33392c353030', '￦39,500');
  });

  it('stores the QR payload with its UTF-8 byte length and prints it natively', () => {
    const data = 'https://counter.example/r/20260105-0001';
    expect(hex(bytes)).toContain(
      hex([0x1d, 0x28, 0x6b, data.length + 3, 0, 0x31, 0x50, 0x30, ...Buffer.from(data)]),
    );
    const qr = decode(bytes).elements.find((e) => e.kind === 'qr');
    expect(qr).toMatchObject({ kind: 'qr', text: data, level: 'M', moduleSize: 5 });
  });

  it('prints the logo as full-width GS v 0 slices of at most 255 rows', () => {
    const logo = decode(bytes).elements.find((e) => e.kind === 'image');
    expect(logo?.kind === 'image' && logo.bitmap.width).toBe(512);
    // An image the source does not have is left out rather than failing the receipt.
    expect(
      decode(
        encode({
          blocks: [
            { kind: 'image', ref: 'no-such-logo' },
            { kind: 'text', text: 'x' },
          ],
        }),
      ).elements.map((e) => e.kind),
    ).toEqual(['text']);
    const big = new EscPosReceiptEncoder(korean80, {
      image: () => ({
        width: 16,
        height: 600,
        bytesPerRow: 2,
        data: new Uint8Array(1200).fill(0xff),
      }),
    }).encode({ blocks: [{ kind: 'image', ref: 'x' }] });
    const slices = decode(big).elements.filter((e) => e.kind === 'image');
    expect(slices.map((e) => e.kind === 'image' && e.bitmap.height)).toEqual([255, 255, 90]);
  });

  it('draws a line with a syllable outside KS X 1001 as raster instead of printing ?', () => {
    const line = encode({ blocks: [{ kind: 'text', text: '똠양꿍 1개' }] });
    expect(hex(line)).not.toContain('1c26');
    const elements = decode(line).elements;
    expect(elements.map((e) => e.kind)).toEqual(['image']);
    const [image] = elements;
    expect(image?.kind).toBe('image');
    if (image?.kind !== 'image') return;
    // 똠 fills the first 24-dot cell; the space after 꿍 (dots 72-84) stays white.
    expect(inkCount(image.bitmap, 0, 0, 24, 24)).toBeGreaterThan(60);
    expect(inkCount(image.bitmap, 72, 0, 84, 24)).toBe(0);
  });

  it('kicks the drawer with all five bytes of ESC p and cuts partially', () => {
    const out = encode({
      blocks: [{ kind: 'drawer' }, { kind: 'text', text: 'x' }, { kind: 'cut' }],
    });
    expect(hex(out)).toContain('1b70001978');
    expect(hex(out).endsWith('1d564203')).toBe(true);
  });

  it('prints barcodes with GS k, CODE128 with its code set', () => {
    const out = encode({
      blocks: [{ kind: 'barcode', symbology: 'code128', data: '20260105-0001', height: 50 }],
    });
    expect(hex(out)).toContain(
      `1d6832${'1d7702'}${'1d4802'}1d6b490f${Buffer.from('{B20260105-0001').toString('hex')}`,
    );
    expect(decodedText(decode(out), 42)).toEqual(['[BARCODE CODE128] 20260105-0001']);
  });

  it('marks a reprint as a copy on paper', () => {
    const text = decodedText(decode(encode(sampleReceipt(2, { copy: true }))), 42);
    expect(text[0]!.trim()).toBe('재출력 / COPY');
  });

  it('falls back to a raster QR on printers without GS ( k', () => {
    const profile = printerProfile('korean-58-no-qr');
    const out = encode(
      { blocks: [{ kind: 'qr', data: '제로페이 QR', moduleSize: 3, errorCorrection: 'M' }] },
      profile,
    );
    expect(hex(out)).not.toContain('1d286b');
    const [image] = decode(out, profile).elements;
    if (image?.kind !== 'image') throw new Error('expected an image');
    const expected = qrBitmap('제로페이 QR', 'M', 3);
    const left = Math.floor((384 - expected.width) / 2);
    for (let y = 0; y < expected.height; y += 3) {
      for (let x = 0; x < expected.width; x += 3)
        expect(getDot(image.bitmap, left + x, y)).toBe(getDot(expected, x, y));
    }
  });

  it('lays out 32 columns on 58 mm paper and rasters Hangul on a printer without a Korean font', () => {
    const small = printerProfile('korean-58');
    const doc58 = sampleReceipt(3);
    // This 58 mm model has no cutter: the cut becomes a feed to the tear bar.
    const expected58 = receiptPlainText(layoutReceipt(doc58, 32), 32).flatMap((l) =>
      l === '[CUT]' ? ['', '', ''] : [l],
    );
    expect(decodedText(decode(encode(doc58, small), small), 32)).toEqual(expected58);
    const epson = printerProfile('epson-80');
    const out = encode(
      {
        blocks: [
          { kind: 'text', text: 'TOTAL 9,000' },
          { kind: 'text', text: '합계 9,000' },
        ],
      },
      epson,
    );
    expect(hex(out)).not.toContain('1c26');
    expect(decode(out, epson).elements.map((e) => e.kind)).toEqual(['text', 'image']);
  });

  it('matches the Korean golden file and renders the PNG the README shows', () => {
    const golden = new URL('./fixtures/korean-receipt-80mm.bin', import.meta.url);
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, bytes);
    expect(hex(bytes)).toBe(hex(readFileSync(golden)));
    const png = renderReceiptPng(decode(bytes), { dotsPerLine: 512, columns: 42 });
    const image = PNG.sync.read(png);
    expect(image.width).toBe(512 + 32);
    expect(image.height).toBeGreaterThan(1000);
    const docs = new URL('../../../docs/images/', import.meta.url);
    mkdirSync(docs, { recursive: true });
    writeFileSync(new URL('receipt-korean.png', docs), png);
  });
});
