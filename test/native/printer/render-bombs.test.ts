import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../native/printer/decoder/escpos-decoder.js';
import { renderReceiptPngInWorker } from '../../../native/printer/decoder/render-in-worker.js';
import { RENDER_LIMITS, RenderRefusedError } from '../../../native/printer/decoder/render-limits.js';
import { renderReceiptPng } from '../../../native/printer/decoder/render-png.js';

const PAPER = { dotsPerLine: 512, columns: 42 };
const ESC = 0x1b;
const GS = 0x1d;
const text = (s: string) => [...Buffer.from(s, 'latin1')];
/** GS ( k: store a QR's data, set its module size, print it (fn 180, 167, 181). */
const qr = (data: string, moduleSize: number) => [
  GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, moduleSize,
  GS, 0x28, 0x6b, (data.length + 3) & 0xff, (data.length + 3) >> 8, 0x31, 0x50, 0x30, ...text(data),
  GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30,
];

/** Bytes that once made the virtual printer allocate gigabytes (issue 14 point 6), each in a few hundred bytes. */
const BOMBS: Record<string, number[]> = {
  // The 300-byte feed bomb: 100 × ESC d 255.
  'feed bomb': Array.from({ length: 100 }, () => [ESC, 0x64, 0xff]).flat(),
  'QR with 255-dot modules': qr('https://example.invalid/' + 'x'.repeat(200), 255),
  'text scaled 16 times': [GS, 0x21, 0xff, ...text('BIG'), 0x0a],
  'bars 255 dots wide': [GS, 0x77, 0xff, GS, 0x6b, 0x49, 20, 0x7b, 0x42, ...text('123456789012345678')],
  'many QR codes': Array.from({ length: 40 }, () => qr('A'.repeat(300), 16)).flat(),
};

describe('ESC/POS render limits (render-limits.ts)', () => {
  for (const [name, bytes] of Object.entries(BOMBS)) {
    it(`refuses the ${name} with a one-line reason, before drawing`, () => {
      const receipt = decodeEscPos(Uint8Array.from(bytes));
      const started = performance.now();
      let refused: unknown;
      try {
        renderReceiptPng(receipt, PAPER);
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(RenderRefusedError);
      expect((refused as Error).message).not.toContain('\n');
      // A figure, not a timing assertion: the refusal comes before any paper is allocated.
      expect(performance.now() - started).toBeLessThan(10_000);
    });
  }

  it('still draws a real receipt: text, a QR of the usual size, a cut', () => {
    const receipt = decodeEscPos(Uint8Array.from([...text('Counter POS'), 0x0a, ...qr('https://example.invalid/r/1', 6), ESC, 0x64, 4, GS, 0x56, 0x00]));
    const png = renderReceiptPng(receipt, PAPER);
    expect([...png.subarray(1, 4)]).toEqual([...Buffer.from('PNG')]);
    expect(RENDER_LIMITS.maxPaperDots).toBeGreaterThan(6_000);
  });
});

describe('drawing on a worker thread (render-in-worker.ts)', () => {
  it('answers with the PNG, refuses a bomb in one line, and the till thread keeps ticking meanwhile', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    try {
      const good = decodeEscPos(Uint8Array.from([...text('Receipt 1'), 0x0a, ...qr('https://example.invalid/r/2', 6)]));
      const png = await renderReceiptPngInWorker(good, PAPER);
      expect(png.equals(renderReceiptPng(good, PAPER))).toBe(true);
      await expect(renderReceiptPngInWorker(decodeEscPos(Uint8Array.from(BOMBS['feed bomb']!)), PAPER)).rejects.toThrow(/^the receipt has 25500 printed elements/);
      expect(ticks).toBeGreaterThan(0);
    } finally {
      clearInterval(ticker);
    }
  }, 60_000);

  it('gives up on a drawing past its time budget', async () => {
    const receipt = decodeEscPos(Uint8Array.from(text('slow')));
    await expect(renderReceiptPngInWorker(receipt, PAPER, { budget: { timeoutMs: 1, maxMemoryMb: 64 } })).rejects.toBeInstanceOf(RenderRefusedError);
  }, 30_000);
});
