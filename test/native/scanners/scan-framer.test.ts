import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScanFramer } from '../../../native/scanners/index.js';
import type { FramerOutput, Terminator } from '../../../native/scanners/index.js';

const SUFFIX: Record<Exclude<Terminator, 'none'>, string> = { CR: '\r', LF: '\n', CRLF: '\r\n' };

function frames(outputs: FramerOutput[]): string[] {
  return outputs.filter((o) => o.kind === 'frame').map((o) => o.bytes.toString('latin1'));
}

/** Splits `bytes` at the given cut points. */
function chunk(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

const code = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => !/[\r\n]/.test(s));

describe('ScanFramer', () => {
  it.each(['CR', 'LF', 'CRLF'] as const)(
    'recovers every %s-terminated code however the stream is chunked',
    (terminator) => {
      fc.assert(
        fc.property(
          fc.array(code, { maxLength: 8 }),
          fc.array(fc.nat(), { maxLength: 10 }),
          (codes, cuts) => {
            const framer = new ScanFramer(terminator, 8192);
            const stream = Buffer.from(codes.map((c) => c + SUFFIX[terminator]).join(''), 'latin1');
            const out = chunk(stream, cuts).flatMap((piece) => framer.push(piece));
            expect(frames(out)).toEqual(codes);
            expect(framer.pendingBytes).toBe(0);
          },
        ),
      );
    },
  );

  it('accepts CR LF from a scanner configured for CR, and the reverse', () => {
    expect(frames(new ScanFramer('CR', 100).push(Buffer.from('123\r\n456\r\n')))).toEqual([
      '123',
      '456',
    ]);
    expect(frames(new ScanFramer('LF', 100).push(Buffer.from('123\r\n456\r\n')))).toEqual([
      '123',
      '456',
    ]);
  });

  it('ignores empty lines', () => {
    expect(frames(new ScanFramer('CR', 100).push(Buffer.from('\r\r\n123\r\r')))).toEqual(['123']);
  });

  it('keeps an unterminated tail until its suffix or a flush', () => {
    const framer = new ScanFramer('CR', 100);
    expect(framer.push(Buffer.from('12'))).toEqual([]);
    expect(framer.pendingBytes).toBe(2);
    expect(frames(framer.flush())).toEqual(['12']);
    expect(framer.flush()).toEqual([]);
  });

  it('discards half a code', () => {
    const framer = new ScanFramer('CR', 100);
    framer.push(Buffer.from('1347'));
    framer.discard();
    expect(frames(framer.push(Buffer.from('89\r')))).toEqual(['89']);
  });

  it('frames only on flush when there is no terminator', () => {
    const framer = new ScanFramer('none', 100);
    expect(framer.push(Buffer.from('12\r34'))).toEqual([]);
    expect(frames(framer.flush())).toEqual(['12\r34']);
  });

  it('drops and reports bytes that exceed the frame limit without a suffix', () => {
    const framer = new ScanFramer('CR', 10);
    const out = framer.push(Buffer.from('0123456789AB'));
    expect(out).toEqual([{ kind: 'overflow', bytes: Buffer.from('0123456789AB') }]);
    expect(frames(framer.push(Buffer.from('ok\r')))).toEqual(['ok']);
  });

  it('keeps bytes as bytes: invalid UTF-8 survives framing for the decoder to reject', () => {
    const out = new ScanFramer('CR', 100).push(Buffer.from([0xff, 0x31, 0x0d]));
    expect(out).toEqual([{ kind: 'frame', bytes: Buffer.from([0xff, 0x31]) }]);
  });
});
