import { type SaleReceiptData, buildSaleReceipt } from '../../src/receipts/sale-receipt.js';
import type { ReceiptDocument } from '../../src/receipts/receipt-document.js';

/**
 * A realistic Korean sale receipt: Hangul store and item names, VAT split,
 * a tax-free line, two tenders, logo and QR. The test page of `pos print
 * sample`, the benchmark's workload and the tests' golden receipt.
 */

const ITEMS: Array<[string, number, number]> = [
  ['아메리카노', 2, 9000],
  ['카페라떼 (오트밀크 변경)', 1, 5500],
  ['바닐라 라떼', 1, 5000],
  ['딸기 케이크', 1, 6500],
  ['크루아상', 3, 10500],
  ['유기농 바나나', 1, 3000],
  ['생수 500ml', 2, 2000],
  ['텀블러 할인', 1, -300],
];

/** The sale data; `itemCount` repeats the item list to make longer receipts. */
export function sampleSaleData(itemCount = 6, options: { hangul?: boolean } = {}): SaleReceiptData {
  const hangul = options.hangul ?? true;
  const lines = Array.from({ length: itemCount }, (_, i) => {
    const [name, quantity, amount] = ITEMS[i % ITEMS.length]!;
    return {
      name: hangul ? name : `Item ${i + 1}`,
      quantity,
      amount,
      taxFree: name === '유기농 바나나',
    };
  });
  const total = lines.reduce((sum, l) => sum + l.amount, 0);
  const taxFree = lines.filter((l) => l.taxFree).reduce((sum, l) => sum + l.amount, 0);
  const supply = Math.round(((total - taxFree) * 10) / 11);
  return {
    store: {
      name: hangul ? '카운터 커피 성수점' : 'Counter Coffee Seongsu',
      businessNumber: '1234567890',
      representative: hangul ? '김하나' : 'Kim Hana',
      address: hangul
        ? '서울특별시 성동구 성수이로 123, 1층'
        : '123 Seongsui-ro, Seongdong-gu, Seoul',
      phone: '02-555-0123',
    },
    receiptNumber: '20260105-0001',
    issuedAt: Date.UTC(2026, 0, 5, 1, 0, 0),
    terminalId: 'T-01',
    lines,
    totals: { supply, vat: total - taxFree - supply, taxFree, total },
    tenders: [
      { label: hangul ? '제로페이' : 'Zero Pay', amount: total - 10000, reference: '30012345' },
      { label: hangul ? '현금' : 'Cash', amount: 10000 },
    ],
    logo: 'counter-logo',
    qr: {
      data: 'https://counter.example/r/20260105-0001',
      caption: hangul ? '모바일 영수증' : 'Digital receipt',
    },
    footer: [hangul ? '감사합니다. 또 오세요!' : 'Thank you!'],
  };
}

/** The sample receipt document. */
export function sampleReceipt(
  itemCount = 6,
  options: { hangul?: boolean; copy?: boolean } = {},
): ReceiptDocument {
  return buildSaleReceipt({ ...sampleSaleData(itemCount, options), copy: options.copy ?? false });
}
