import { describe, expect, it } from 'vitest';
import { closeoutXSchema } from '../../src/api/schemas/closeout.js';

describe('closeout business dates', () => {
  it('refuses a date that matches YYYY-MM-DD but is no day (the fuzzer crashed closeout.x with one)', () => {
    expect(closeoutXSchema.safeParse({ businessDate: '7406-42-09' }).success).toBe(false);
    expect(closeoutXSchema.safeParse({ businessDate: '2026-02-30' }).success).toBe(false);
  });
  it('takes a real day', () => {
    expect(closeoutXSchema.safeParse({ businessDate: '2026-12-02' }).success).toBe(true);
  });
});
