import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDateAfterClose, businessDateAt, dayAfter } from '../../src/payments/business-date.js';

const kst = (iso: string) => Date.parse(`${iso}+09:00`);

describe('business dates with a cut-off hour', () => {
  it('keeps the hours before the cut-off on the evening’s date', () => {
    expect(businessDateAt(kst('2026-01-06T01:30:00'), 4)).toBe('2026-01-05');
    expect(businessDateAt(kst('2026-01-06T04:00:00'), 4)).toBe('2026-01-06');
    expect(businessDateAt(kst('2026-01-06T01:30:00'), 0)).toBe('2026-01-06');
    expect(() => businessDateAt(0, 24)).toThrow(RangeError);
  });

  it('opens the next day after a close on a date after the closed one, never the closed one', () => {
    expect(businessDateAfterClose('2026-01-05', kst('2026-01-05T23:00:00'), 4)).toBe('2026-01-06');
    expect(businessDateAfterClose('2026-01-05', kst('2026-01-06T02:00:00'), 4)).toBe('2026-01-06');
    expect(businessDateAfterClose('2026-01-05', kst('2026-01-08T02:00:00'), 4)).toBe('2026-01-07');
    expect(dayAfter('2024-02-28')).toBe('2024-02-29');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: -3, max: 3 }), (ms, cutoff, offsetDays) => {
        const closed = new Date(Date.parse(`${businessDateAt(ms, cutoff)}T00:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);
        const next = businessDateAfterClose(closed, ms, cutoff);
        expect(next > closed).toBe(true);
        expect(next >= businessDateAt(ms, cutoff)).toBe(true);
      }),
    );
  });
});
