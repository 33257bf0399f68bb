import { decodeEscPos } from '../../native/printer/decoder/escpos-decoder.js';
import { RenderRefusedError } from '../../native/printer/decoder/render-limits.js';
import { renderReceiptPng } from '../../native/printer/decoder/render-png.js';

/**
 * ESC/POS files of a few hundred bytes that once made the virtual printer
 * allocate gigabytes (issue 14 point 6), for the `attacks` check and the
 * render-limit tests: each must be refused with a one-line reason.
 */
const ESC = 0x1b;
const GS = 0x1d;
const text = (s: string) => [...Buffer.from(s, 'latin1')];

/** GS ( k: store a QR's data, set its module size, print it (fn 180, 167, 181). */
export function qrBytes(data: string, moduleSize: number): number[] {
  const length = data.length + 3;
  return [
    GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, moduleSize,
    GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30, ...text(data),
    GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30,
  ];
}

export const RENDER_BOMBS: Record<string, number[]> = {
  // The 300-byte feed bomb: 100 × ESC d 255.
  'feed bomb': Array.from({ length: 100 }, () => [ESC, 0x64, 0xff]).flat(),
  'QR with 255-dot modules': qrBytes('https://example.invalid/' + 'x'.repeat(200), 255),
  'text scaled 16 times': [GS, 0x21, 0xff, ...text('BIG'), 0x0a],
  'bars 255 dots wide': [GS, 0x77, 0xff, GS, 0x6b, 0x49, 20, 0x7b, 0x42, ...text('123456789012345678')],
  'many QR codes': Array.from({ length: 40 }, () => qrBytes('A'.repeat(300), 16)).flat(),
};

type Tally = Record<string, { tried: number; accepted: number }>;

/** Render bombs: each file decoded and drawn; accepted = it was drawn (or failed other than by a refusal). */
export function renderBombAttacks(tally: Tally, problems: string[]): void {
  const counts = (tally['render-bomb'] = { tried: 0, accepted: 0 });
  for (const [name, bytes] of Object.entries(RENDER_BOMBS)) {
    counts.tried++;
    try {
      renderReceiptPng(decodeEscPos(Uint8Array.from(bytes)), { dotsPerLine: 512, columns: 42 });
      counts.accepted++;
      problems.push(`render-bomb: the ${name} was drawn`);
    } catch (error) {
      if (error instanceof RenderRefusedError && !error.message.includes('\n')) continue;
      counts.accepted++;
      problems.push(`render-bomb: the ${name} failed without a one-line refusal: ${String(error)}`);
    }
  }
}
