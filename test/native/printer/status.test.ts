import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PrinterStatusError,
  parseRealTimeStatus,
  statusByte,
  summarizeStatus,
} from '../../../native/printer/status.js';

describe('real-time status', () => {
  it('reads paper out from DLE EOT 1/2/4 answers', () => {
    // A printer out of paper: offline (1A), stopped by paper end (32), paper sensors (7E).
    const status = parseRealTimeStatus(0x1a, 0x32, 0x7e);
    expect(status).toEqual({ offline: true, coverOpen: false, paperEnd: true, paperNearEnd: true });
    expect(summarizeStatus(status)).toBe('paper-out');
  });

  it('reports cover open before paper, and near end as still printing', () => {
    expect(summarizeStatus(parseRealTimeStatus(0x1a, 0x36, 0x12))).toBe('cover-open');
    expect(summarizeStatus(parseRealTimeStatus(0x12, 0x12, 0x1e))).toBe('paper-near-end');
    expect(summarizeStatus(parseRealTimeStatus(0x12, 0x12, 0x12))).toBe('ready');
  });

  it('refuses bytes that are not status answers (wrong device or baud rate)', () => {
    expect(() => parseRealTimeStatus(0xff, 0x12, 0x12)).toThrow(PrinterStatusError);
    expect(() => parseRealTimeStatus(0x12, 0x00, 0x12)).toThrow(/offline cause/);
  });

  it('parses back whatever the virtual printer answers', () => {
    const flags = fc.record({
      offline: fc.boolean(),
      coverOpen: fc.boolean(),
      paperEnd: fc.boolean(),
      paperNearEnd: fc.boolean(),
    });
    fc.assert(
      fc.property(flags, (status) => {
        const parsed = parseRealTimeStatus(
          statusByte(1, status),
          statusByte(2, status),
          statusByte(4, status),
        );
        expect(parsed).toEqual(status);
      }),
    );
  });
});
