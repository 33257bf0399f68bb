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
            const framer = new ScanFramer(8192);
            const stream = Buffer.from(codes.map((c) => c + SUFFIX[terminator]).join(''), 'latin1');
            const out = chunk(stream, cuts).flatMap((piece) => framer.push(piece));
            out.push(...framer.flush());
            expect(frames(out)).toEqual(codes);
            expect(new Set(out.flatMap((o) => (o.kind === 'suffix' ? [o.suffix] : [])))).toEqual(
              new Set(codes.length ? [terminator] : []),
            );
            expect(framer.pendingBytes).toBe(0);
          },
        ),
      );
    },
  );

  it('frames CR, LF and CR LF codes in one stream', () => {
    expect(frames(new ScanFramer(100).push(Buffer.from('123\r\n456\r789\n')))).toEqual([
      '123',
      '456',
      '789',
    ]);
  });

  it('ignores empty lines', () => {
    expect(frames(new ScanFramer(100).push(Buffer.from('\r\r\n123\r\r')))).toEqual(['123']);
  });

  it('keeps an unterminated tail until its suffix or a flush', () => {
    const framer = new ScanFramer(100);
    expect(framer.push(Buffer.from('12'))).toEqual([]);
    expect(framer.pendingBytes).toBe(2);
    expect(frames(framer.flush())).toEqual(['12']);
    expect(framer.flush()).toEqual([]);
  });

  it('discards half a code', () => {
    const framer = new ScanFramer(100);
    framer.push(Buffer.from('1347'));
    framer.discard();
    expect(frames(framer.push(Buffer.from('89\r')))).toEqual(['89']);
  });

  it('frames a code without a line end on flush and reports that no suffix came', () => {
    const framer = new ScanFramer(100);
    expect(framer.push(Buffer.from('1234'))).toEqual([]);
    expect(framer.flush()).toEqual([
      { kind: 'frame', bytes: Buffer.from('1234') },
      { kind: 'suffix', suffix: 'none' },
    ]);
  });

  it.each([
    ['CR', ['12\r', '34\r'], ['CR', 'CR']],
    ['LF', ['12\n34\n'], ['LF', 'LF']],
    ['CRLF', ['12\r', '\n34\r\n'], ['CRLF', 'CRLF']],
  ] as const)('reports the %s suffix it saw, even split across chunks', (_, pieces, suffixes) => {
    const framer = new ScanFramer(100);
    const out = [...pieces.flatMap((p) => framer.push(Buffer.from(p))), ...framer.flush()];
    expect(frames(out)).toEqual(['12', '34']);
    expect(out.flatMap((o) => (o.kind === 'suffix' ? [o.suffix] : []))).toEqual(suffixes);
  });

  it('drops and reports bytes that exceed the frame limit without a suffix', () => {
    const framer = new ScanFramer(10);
    const out = framer.push(Buffer.from('0123456789AB'));
    expect(out).toEqual([{ kind: 'overflow', bytes: Buffer.from('0123456789AB') }]);
    expect(frames(framer.push(Buffer.from('ok\r')))).toEqual(['ok']);
  });

  it('keeps bytes as bytes: invalid UTF-8 survives framing for the decoder to reject', () => {
    const out = new ScanFramer(100).push(Buffer.from([0xff, 0x31, 0x0d]));
    expect(frames(out)).toEqual([Buffer.from([0xff, 0x31]).toString('latin1')]);
  });
});
