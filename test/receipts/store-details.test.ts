import { describe, expect, it } from 'vitest';
import { missingStoreDetails, storeDetailsSchema } from '../../src/receipts/store-details-schema.js';

const store = { name: '한강분식', businessNumber: '123-45-67891', representative: '김한강', address: '', phone: '' };

// Issue 13 point 8: the business-number field takes digits without hyphens; live mode sells only with 상호, 사업자등록번호, 대표자.
describe('the store details printed on receipts', () => {
  it('takes a business number typed as ten digits (or with spaces) and keeps it in its printed form', () => {
    expect(storeDetailsSchema.parse({ ...store, businessNumber: '1234567891' }).businessNumber).toBe('123-45-67891');
    expect(storeDetailsSchema.parse({ ...store, businessNumber: ' 123 45 67891 ' }).businessNumber).toBe('123-45-67891');
    expect(storeDetailsSchema.safeParse({ ...store, businessNumber: '1234567890' }).success).toBe(false); // check digit
    expect(storeDetailsSchema.safeParse({ ...store, businessNumber: '123456789' }).success).toBe(false);
    expect(storeDetailsSchema.parse({ ...store, businessNumber: '' }).businessNumber).toBe('');
  });

  it('names what a receipt still lacks of 상호, 사업자등록번호 and 대표자', () => {
    expect(missingStoreDetails(store)).toEqual([]);
    expect(missingStoreDetails({ ...store, name: ' ', representative: '' })).toEqual(['name', 'representative']);
    expect(missingStoreDetails({ ...store, businessNumber: '' })).toEqual(['businessNumber']);
  });
});
