import { describe, expect, it } from 'vitest';
import { settleOfflineQrSchema } from '../../src/api/schemas/checkout.js';

describe('settling an offline QR at the contract (issue 14 point 3)', () => {
  it("refuses 'the customer paid' without a manager's PIN, or with one that is no PIN", () => {
    expect(settleOfflineQrSchema.safeParse({ customerPaid: true }).success).toBe(false);
    expect(settleOfflineQrSchema.safeParse({ customerPaid: true, managerPin: '' }).success).toBe(false);
    expect(settleOfflineQrSchema.safeParse({ customerPaid: true, managerPin: '12ab' }).success).toBe(false);
  });
  it("takes 'the customer paid' with a PIN, and 'did not pay' with none", () => {
    expect(settleOfflineQrSchema.safeParse({ customerPaid: true, managerPin: '2222' }).success).toBe(true);
    expect(settleOfflineQrSchema.safeParse({ customerPaid: false }).success).toBe(true);
  });
});
