import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessNumberValid, luhnValid, parseCashReceiptId } from '../../src/payments/cash-receipt-id.js';

describe('cash receipt identifiers (현금영수증)', () => {
  it('accepts a mobile number and masks its middle', () => {
    expect(parseCashReceiptId('010-1234-5678')).toEqual({ type: 'phone', digits: '01012345678', masked: '010-****-5678', purpose: 'deduction' });
    expect(parseCashReceiptId('011 234 5678').masked).toBe('011-***-5678');
  });

  it('checks a business registration number’s check digit', () => {
    expect(parseCashReceiptId('124-81-00998')).toMatchObject({ type: 'business-number', masked: '124-81-*****', purpose: 'expense-proof' });
    expect(() => parseCashReceiptId('124-81-00999')).toThrow(/business registration number is not valid/);
  });

  it('checks a card number with Luhn and masks all but the ends', () => {
    expect(parseCashReceiptId('4111 1111 1111 1111')).toMatchObject({ type: 'card', masked: '4111-********-1111' });
    expect(() => parseCashReceiptId('4111 1111 1111 1112')).toThrow(/card number is not valid/);
    expect(() => parseCashReceiptId('phone please')).toThrow(/digits only/);
  });

  it('Luhn catches every single-digit error', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{15}$/), fc.nat(15), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const check = [...'0123456789'].find((d) => luhnValid(body + d))!;
        const valid = body + check;
        const digits = [...valid];
        digits[pos] = String((Number(digits[pos]) + delta) % 10);
        expect(luhnValid(digits.join(''))).toBe(false);
      }),
    );
  });

  it('the business-number check digit catches every change of the last digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{8}$/), (body) => {
        const valid = [...'0123456789'].filter((d) => businessNumberValid(body + d));
        expect(valid).toHaveLength(1);
      }),
    );
  });
});
