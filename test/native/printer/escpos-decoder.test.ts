import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodedText } from '../../../native/printer/decoder/decoded-receipt.js';
import { EscPosDecoder, decodeEscPos } from '../../../native/printer/decoder/escpos-decoder.js';
import { renderReceiptBitmap } from '../../../native/printer/decoder/render-png.js';
import { EscPosReceiptEncoder } from '../../../native/printer/escpos-encoder.js';
import { PngDirectoryImageSource } from '../../../native/printer/image-source.js';
import { printerProfile } from '../../../native/printer/profiles.js';
import { sampleReceipt } from '../../../native/printer/sample-receipt.js';

const fixtures = new URL('./fixtures/escpos-php/', import.meta.url);
const fixture = (name: string): Buffer => readFileSync(new URL(name, fixtures));
const text = (bytes: Uint8Array, columns = 48): string[] =>
  decodedText(decodeEscPos(bytes), columns);

describe('virtual printer decoder', () => {
  it('decodes every escpos-php output without error and renders it', () => {
    const files = readdirSync(fixtures).filter((f) => f.endsWith('.bin'));
    expect(files).toHaveLength(12);
    for (const file of files) {
      const receipt = decodeEscPos(fixture(file));
      expect(receipt.elements.length, file).toBeGreaterThan(0);
      expect(
        renderReceiptBitmap(receipt, { dotsPerLine: 576, columns: 48 }).height,
        file,
      ).toBeGreaterThan(0);
    }
  });

  it('prints the text those files contain', () => {
    expect(text(fixture('text-size.bin')).slice(0, 3)).toEqual([
      '',
      'Change height & width',
      '12345678',
    ]);
    expect(text(fixture('qr-code.bin')).slice(0, 3)).toEqual([
      'QR code demo',
      '[QR] Testing 123',
      'Most simple example',
    ]);
    expect(text(fixture('barcode.bin'))).toContain('[BARCODE CODE39] ABC');
    expect(text(fixture('pdf417-code.bin'))).toContain('[PDF417] Testing 123');
    const invoice = text(fixture('receipt-with-logo.bin'));
    expect(invoice).toContain('Example item #1                             4.00');
    expect(invoice.slice(-2)).toEqual(['[CUT]', '[DRAWER]']);
    // Code page switching (ESC t) inside a line: PC850 æ/ø, then Greek through PC737.
    const languages = text(fixture('character-encodings.bin'));
    expect(languages).toContain(
      'Quizdeltagerne spiste jordbær med fløde, mens cirkusklovnen Wolther spillede på xylofon.',
    );
    expect(languages.some((l) => l.startsWith('Ξεσκεπάζω'))).toBe(true);
  });

  it('decodes the QR payload bytes exactly, 40 NULs included', () => {
    const qrs = decodeEscPos(fixture('qr-code.bin')).elements.filter((e) => e.kind === 'qr');
    const binary = qrs.find(
      (e) => e.kind === 'qr' && e.data.length === 40 && e.data.every((b) => b === 0),
    );
    expect(binary).toBeDefined();
    expect(qrs.map((e) => e.kind === 'qr' && e.moduleSize)).toContain(16);
  });

  it("decodes receiptline's Korean output: double height, FS & and CP949", () => {
    const bytes = Uint8Array.from([
      0x1d, 0x21, 0x01, 0x1b, 0x74, 0x00, 0x1c, 0x26, 0x1b, 0x52, 0x0d, 0xbf, 0xb5, 0xbc, 0xf6,
      0xc1, 0xf5, 0x0a,
    ]);
    const [line] = decodeEscPos(bytes).elements;
    if (line?.kind !== 'text') throw new Error('expected a text line');
    expect(line.line.cells.map((c) => c.char).join('')).toBe('영수증');
    expect(line.line.cells.map((c) => [c.width, c.scaleY])).toEqual([
      [24, 2],
      [24, 2],
      [24, 2],
    ]);
  });

  it('places columns written with ESC $ and ESC \\, and prints 0x5C as ₩ in the Korea set', () => {
    const esc = (...b: number[]): number[] => [0x1b, ...b];
    const bytes = Uint8Array.from([
      ...esc(0x52, 13),
      ...Buffer.from('Item'),
      ...esc(0x24, (30 * 12) & 0xff, (30 * 12) >> 8),
      ...Buffer.from('2'),
      ...esc(0x5c, 5 * 12, 0),
      0x5c,
      ...Buffer.from('500'),
      0x0a,
    ]);
    expect(text(bytes, 42)).toEqual([`Item${' '.repeat(26)}2${' '.repeat(5)}₩500`]);
  });

  it('gives the same result however the stream is cut into chunks', () => {
    const bytes = new EscPosReceiptEncoder(
      printerProfile('korean-80'),
      new PngDirectoryImageSource(),
    ).encode(sampleReceipt(3));
    const whole = decodedText(decodeEscPos(bytes, { startsInDoubleByte: true }), 42);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }),
        (cuts) => {
          const decoder = new EscPosDecoder({ startsInDoubleByte: true });
          let from = 0;
          for (const cut of [...cuts].sort((a, b) => a - b)) {
            decoder.push(bytes.subarray(from, cut));
            from = cut;
          }
          decoder.push(bytes.subarray(from));
          expect(decodedText(decoder.finish(), 42)).toEqual(whole);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('waits for the fourth byte of DLE EOT 7, 8 and 18 when a chunk ends before it', () => {
    // DLE EOT n a: the paper-sensor (7), extended (8) and 18 requests carry one more byte. Cut
    // after n, that byte must not print as text in the next chunk, nor the stream end "whole".
    for (const n of [7, 8, 18]) {
      const decoder = new EscPosDecoder();
      decoder.push(Uint8Array.of(0x10, 0x04, n));
      expect(decoder.pendingBytes).toBe(3);
      decoder.push(Uint8Array.of(0x41, 0x42, 0x0a));
      const receipt = decoder.finish();
      expect(receipt.elements[0]).toEqual({ kind: 'status-request', request: n });
      expect(decodedText(receipt, 42)).toEqual(['B']);
    }
    expect(() => decodeEscPos(Uint8Array.of(0x10, 0x04, 0x07))).toThrow(/ends inside a command/);
  });

  it('skips unknown commands with a warning, and refuses streams that end inside a command', () => {
    const skipped = decodeEscPos(Uint8Array.of(0x1b, 0x01, 0x41, 0x0a));
    expect(decodedText(skipped, 42)).toEqual(['A']);
    expect(skipped.warnings).toEqual([expect.stringMatching(/^skipped ESC 0x1 \(1b 01\) at byte 0: unknown/)]);
    expect(() => decodeEscPos(Uint8Array.of(0x1d, 0x76, 0x30, 0, 2, 0, 10, 0, 1, 2))).toThrow(
      /ends inside a command/,
    );
  });

  it('reads a drawer kick, status requests and cuts as events, not text', () => {
    const receipt = decodeEscPos(
      Uint8Array.of(0x10, 0x04, 0x01, 0x1b, 0x70, 0x01, 0x19, 0x78, 0x1d, 0x56, 0x01),
    );
    expect(receipt.elements).toEqual([
      { kind: 'status-request', request: 1 },
      { kind: 'drawer', pin: 5, onMs: 50, offMs: 240 },
      { kind: 'cut', partial: true },
    ]);
  });
});
