import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { paymentBodySchemas } from '../../src/payments/records.js';
import { unchangedCheck } from '../../src/platform/body-check.js';
import { CorruptRecordError, parseBody } from '../../src/platform/stored-json.js';

const tender = { tenderId: 'T1', saleId: 'S1', method: 'cpm', from: 'requested', to: 'approved', currency: 'KRW', amount: 2000, wallet: 'alipay', customerAmount: 1020, customerCurrency: 'CNY' };
const completed = {
  saleId: 'S1', receiptNumber: '20261201-T-0001', receiptSeq: 1, businessDate: '2026-12-01', total: 2000, currency: 'KRW',
  vat: { supply: 1819, vat: 181, taxFree: 0, total: 2000 }, tenders: [{ tenderId: 'T1', method: 'cpm', amount: 2000 }],
};
const opened = {
  saleId: 'S1', businessDate: '2026-12-01', currency: 'KRW', saleDiscount: 0, total: 2000, vat: completed.vat,
  lines: [{ itemId: 'I1', name: '커피', unitPrice: 1000, quantity: 2, tax: 'taxable', discount: 0 }],
};
const samples: Array<[keyof typeof paymentBodySchemas, Record<string, unknown>]> = [
  ['tender.state', tender],
  ['sale.completed', completed],
  ['sale.opened', opened],
];

/** A sample body with one member replaced, removed or added: what a damaged or foreign row looks like. */
const mutated = (body: Record<string, unknown>) =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...Object.keys(body)), fc.jsonValue()).map(([k, v]) => ({ ...body, [k]: v })),
    fc.constantFrom(...Object.keys(body)).map((k) => Object.fromEntries(Object.entries(body).filter(([key]) => key !== k))),
    fc.tuple(fc.string(), fc.jsonValue()).map(([k, v]) => ({ ...body, [k]: v })),
    fc.constantFrom(...Object.keys(body)).chain((k) =>
      fc.jsonValue().map((v) => ({ ...body, [k]: Array.isArray(body[k]) ? [v] : typeof body[k] === 'object' ? { ...(body[k] as object), x: v } : v })),
    ),
  );

describe('the copy-free check of stored bodies', () => {
  it('compiles for every payment body the close-out reads', () => {
    for (const kind of ['tender.state', 'refund.state', 'sale.completed', 'sale.opened', 'cash.movement', 'cash-receipt.requested'] as const) {
      expect(unchangedCheck(paymentBodySchemas[kind]), kind).not.toBeNull();
    }
  });

  it('accepts only what zod accepts and returns unchanged, whatever the damage', () => {
    for (const [kind, body] of samples) {
      const schema = paymentBodySchemas[kind];
      const check = unchangedCheck(schema)!;
      expect(check(JSON.parse(JSON.stringify(body))), kind).toBe(true);
      fc.assert(
        fc.property(fc.oneof(mutated(body), fc.jsonValue()), (value) => {
          const json = JSON.parse(JSON.stringify(value)) as unknown;
          if (!check(json)) return;
          const zod = schema.safeParse(json);
          expect(zod.success).toBe(true);
          expect(zod.data).toStrictEqual(json);
        }),
        { numRuns: 2000 },
      );
    }
  });

  it('leaves members zod would strip, refinements and defaults to zod', () => {
    const check = unchangedCheck(paymentBodySchemas['tender.state'])!;
    expect(check({ ...tender, fromAnOlderRelease: 1 })).toBe(false);
    expect(unchangedCheck(z.object({ a: z.string().min(1) }))).toBeNull();
    expect(unchangedCheck(z.object({ a: z.number().default(0) }))).toBeNull();
    expect(unchangedCheck(z.looseObject({ a: z.string() }))).toBeNull();
  });

  it('never passes a value zod would refuse for its format (uuid, ISO date, email, int)', () => {
    // zod 4's formats are strings whose def carries the format instead of a check in `checks`.
    const formats: Array<[z.ZodType, string]> = [
      [z.uuid(), 'not-a-uuid'],
      [z.iso.date(), '2026-13-45'],
      [z.iso.datetime(), 'yesterday'],
      [z.email(), 'nobody'],
      [z.object({ id: z.uuid() }), 'unused'],
    ];
    expect(unchangedCheck(z.int())?.(1.5) ?? false).toBe(false);
    for (const [schema, bad] of formats) {
      const value = schema instanceof z.ZodObject ? { id: bad } : bad;
      expect(schema.safeParse(value).success).toBe(false);
      expect(unchangedCheck(schema)?.(value) ?? false).toBe(false);
    }
  });

  it('parseBody gives zod’s answer on either path', () => {
    const schema = paymentBodySchemas['tender.state'];
    expect(parseBody(schema, JSON.stringify(tender), 'row 1')).toEqual(tender);
    // An unknown member goes through zod, which strips it.
    expect(parseBody(schema, JSON.stringify({ ...tender, extra: true }), 'row 1')).toEqual(tender);
    expect(() => parseBody(schema, JSON.stringify({ ...tender, amount: '2000' }), 'row 1')).toThrow(CorruptRecordError);
    expect(() => parseBody(schema, JSON.stringify({ ...tender, amount: 2000.5 }), 'row 1')).toThrow(/row 1 is corrupt: .*amount/);
  });
});
