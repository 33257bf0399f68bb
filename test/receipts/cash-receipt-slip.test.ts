import { describe, expect, it } from 'vitest';
import { buildCashReceiptSlip } from '../../src/receipts/cash-receipt-slip.js';
import { layoutReceipt, receiptPlainText } from '../../src/receipts/receipt-layout.js';
import { buildSaleReceipt } from '../../src/receipts/sale-receipt.js';

const store = { name: '카운터 커피', businessNumber: '1234567890', representative: '김하나', address: '서울 성동구', phone: '02-555-0123' };
const text = (doc: Parameters<typeof layoutReceipt>[0]) => receiptPlainText(layoutReceipt(doc, 42), 42).join('\n');

describe('현금영수증 on paper', () => {
  it('prints 용도, the masked number and 승인번호 on the slip', () => {
    const slip = text(
      buildCashReceiptSlip({ store, receiptNumber: 'R-1', issuedAt: Date.UTC(2026, 0, 4, 6), purpose: 'expense-proof', masked: '124-81-*****', approvalNumber: '100000007', amount: 12_000 }),
    );
    expect(slip).toContain('현금영수증');
    expect(slip).toMatch(/용도\s+지출증빙/);
    expect(slip).toMatch(/식별번호\s+124-81-\*{5}/);
    expect(slip).toMatch(/승인번호\s+100000007/);
    expect(slip).toMatch(/금액\s+[₩￦]12,000/);
  });

  it('puts the cash receipt under the cash on the sale receipt, awaiting its number or with it', () => {
    const sale = (approvalNumber: string | null) =>
      text(
        buildSaleReceipt({
          store, receiptNumber: 'R-2', issuedAt: 0, lines: [{ name: '라떼', quantity: 1, amount: 5_000 }],
          totals: { supply: 4_545, vat: 455, taxFree: 0, total: 5_000 },
          tenders: [{ label: '현금', amount: 5_000, cashReceipt: { purpose: 'deduction', masked: '010-****-5432', approvalNumber } }],
        }),
      );
    expect(sale(null)).toMatch(/현금영수증\s+소득공제[\s\S]*식별번호\s+010-\*{4}-5432[\s\S]*승인번호\s+발급 요청됨/);
    expect(sale('100000001')).toMatch(/승인번호\s+100000001/);
  });
});
