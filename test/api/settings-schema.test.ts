import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidBusinessNumber,
  settingsPatchSchema,
  settingsSchema,
  defaultSettings,
} from '../../src/api/index.js';

const WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5];
const format = (d: number[]) =>
  `${d.slice(0, 3).join('')}-${d.slice(3, 5).join('')}-${d.slice(5).join('')}`;

describe('business registration number (사업자등록번호)', () => {
  it('accepts published numbers and rejects a wrong check digit', () => {
    expect(isValidBusinessNumber('124-81-00998')).toBe(true); // Samsung Electronics
    expect(isValidBusinessNumber('124-81-00997')).toBe(false);
    expect(isValidBusinessNumber('1248100998')).toBe(false);
    expect(isValidBusinessNumber('124-81-0099')).toBe(false);
  });

  it('accepts exactly one check digit for any nine leading digits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
        (head) => {
          const valid = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((check) =>
            isValidBusinessNumber(format([...head, check])),
          );
          const sum =
            head.reduce((acc, d, i) => acc + d * WEIGHTS[i]!, 0) + Math.floor((head[8]! * 5) / 10);
          expect(valid).toEqual([(10 - (sum % 10)) % 10]);
        },
      ),
    );
  });
});

describe('settings schemas', () => {
  it('accepts the defaults and refuses unknown keys in a patch', () => {
    expect(settingsSchema.parse(defaultSettings)).toEqual(defaultSettings);
    expect(settingsPatchSchema.safeParse({ store: { name: '카운터 상점' } }).success).toBe(true);
    expect(settingsPatchSchema.safeParse({ store: { owner: 'x' } }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ language: 'ja' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ store: { phone: '02-123-4567' } }).success).toBe(true);
    expect(settingsPatchSchema.safeParse({ store: { phone: '<script>' } }).success).toBe(false);
  });
});
