import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../native/printer/decoder/escpos-decoder.js';
import { renderReceiptPngInWorker } from '../../../native/printer/decoder/render-in-worker.js';
import { RENDER_LIMITS, RenderRefusedError } from '../../../native/printer/decoder/render-limits.js';
import { renderReceiptPng } from '../../../native/printer/decoder/render-png.js';
import { RENDER_BOMBS, qrBytes as qr } from '../../../bench/reliability/render-bombs.js';

const PAPER = { dotsPerLine: 512, columns: 42 };
const ESC = 0x1b;
const GS = 0x1d;
const text = (s: string) => [...Buffer.from(s, 'latin1')];
const BOMBS = RENDER_BOMBS;

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
