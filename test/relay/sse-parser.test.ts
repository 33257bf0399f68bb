import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser } from '../../src/relay/sse-parser.js';

function parseAll(chunks: string[]) {
  const parser = new SseParser();
  return { events: chunks.flatMap((chunk) => parser.push(chunk)), parser };
}

describe('text/event-stream parser', () => {
  it('parses ids, event types and multi-line data; comments and unknown fields are ignored', () => {
    const { events } = parseAll([
      ': connected\n\nid: 7\nevent: payment.succeeded\ndata: {"a":1}\n\ndata: line 1\ndata:line 2\nfoo: bar\n\n',
    ]);
    expect(events).toEqual([
      { id: '7', event: 'payment.succeeded', data: '{"a":1}' },
      { id: '7', event: 'message', data: 'line 1\nline 2' },
    ]);
  });

  it('accepts CRLF and CR line ends, even split across chunks, and drops a leading BOM', () => {
    const { events } = parseAll(['\uFEFFid: 1\r', '\ndata: a\r\r', 'id: 2\rdata: b\r', '\n\r\n']);
    expect(events).toEqual([
      { id: '1', event: 'message', data: 'a' },
      { id: '2', event: 'message', data: 'b' },
    ]);
  });

  it('does not dispatch an event without data, nor one not yet ended by a blank line', () => {
    const { events } = parseAll(['id: 3\nevent: x\n\n', 'data: pending\n']);
    expect(events).toEqual([]);
  });

  it('reads retry in ms and ignores an id with NUL', () => {
    const { events, parser } = parseAll([
      'retry: 1500\nid: 5\n\nid: 6\u0000x\ndata: z\n\nretry: soon\n\n',
    ]);
    expect(parser.retryMs).toBe(1500);
    expect(events).toEqual([{ id: '5', event: 'message', data: 'z' }]);
  });

  it('gives the same events however the stream is split into chunks (property)', () => {
    const stream = fc
      .array(
        fc.record({
          id: fc.nat().map(String),
          type: fc.constantFrom('payment.succeeded', 'refund.succeeded'),
          data: fc.json(),
        }),
        { maxLength: 8 },
      )
      .chain((events) => {
        const text = events
          .map(
            (e) =>
              `: c\nid: ${e.id}\r\nevent: ${e.type}\ndata: ${e.data.replace(/[\r\n]/g, ' ')}\n\n`,
          )
          .join('');
        return fc.tuple(
          fc.constant(text),
          fc.array(fc.nat({ max: text.length }), { maxLength: 10 }),
        );
      });
    fc.assert(
      fc.property(stream, ([text, cuts]) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks = [0, ...points, text.length]
          .slice(1)
          .map((end, i, all) => text.slice(i === 0 ? 0 : all[i - 1], end));
        expect(parseAll(chunks).events).toEqual(parseAll([text]).events);
      }),
      { numRuns: 300 },
    );
  });
});
