import { describe, expect, it } from 'vitest';
import { COPY_MARKER, layoutReceipt, receiptPlainText } from '../../src/receipts/receipt-layout.js';
import {
  type ReceiptDocument,
  parseReceiptDocument,
  InvalidReceiptDocumentError,
} from '../../src/receipts/receipt-document.js';
import { displayWidth } from '../../src/receipts/text-width.js';

const text = (doc: ReceiptDocument, columns = 42): string[] =>
  receiptPlainText(layoutReceipt(doc, columns), columns);

describe('receipt layout', () => {
  it('lines up quantity and amount columns whatever mix of Hangul and Latin the names have', () => {
    const lines = text({
      blocks: [
        { kind: 'item', name: '아메리카노', quantity: '2', amount: '9,000' },
        { kind: 'item', name: 'Croissant', quantity: '12', amount: '105,000' },
        { kind: 'item', name: '유기농 바나나', quantity: '1', amount: '-300' },
      ],
    });
    expect(lines).toEqual([
      '아메리카노                   2       9,000',
      'Croissant                   12     105,000',
      '유기농 바나나                1        -300',
    ]);
    for (const line of lines) expect(displayWidth(line)).toBe(42);
  });

  it('wraps a long item name inside its column and keeps the figures on the first line', () => {
    const lines = text({
      blocks: [
        { kind: 'item', name: '카페라떼 (오트밀크 변경, 샷 추가)', quantity: '1', amount: '5,500' },
      ],
    });
    expect(lines).toEqual(['카페라떼 (오트밀크 변경,     1       5,500', '샷 추가)']);
  });

  it('right-aligns key-value rows, and halves the columns for double-size text', () => {
    const lines = text({
      blocks: [
        { kind: 'key-value', key: '부가세', value: '2,273' },
        { kind: 'key-value', key: '합계', value: '₩28,000', style: { size: 'double', bold: true } },
      ],
    });
    expect(lines[0]).toBe('부가세                               2,273');
    // 21 double-width cells: 합계 (4) + 9 spaces + ￦28,000 (8: ￦ is a double-byte cell).
    expect(lines[1]).toBe('합계         ￦28,000');
  });

  it('marks a reprint with 재출력 / COPY before anything else', () => {
    const lines = text({ blocks: [{ kind: 'text', text: 'x' }], copy: true });
    expect(lines[0]!.trim()).toBe(COPY_MARKER);
    expect(lines[1]).toBe('x');
  });

  it('centres text and draws separators and placeholders for non-text blocks', () => {
    const lines = text(
      {
        blocks: [
          { kind: 'text', text: '영수증', style: { align: 'center' } },
          { kind: 'separator', char: '=' },
          { kind: 'qr', data: 'https://example.com/r/1' },
          { kind: 'feed', lines: 1 },
          { kind: 'cut' },
        ],
      },
      32,
    );
    expect(lines).toEqual([
      '             영수증',
      '='.repeat(32),
      '[QR] https://example.com/r/1',
      '',
      '[CUT]',
    ]);
  });

  it('refuses a stored document that is not one', () => {
    expect(() => parseReceiptDocument({ blocks: [{ kind: 'qr', data: '' }] })).toThrow(
      InvalidReceiptDocumentError,
    );
    expect(() => parseReceiptDocument({ blocks: [{ kind: 'feed', lines: 0 }] })).toThrow(/lines/);
    expect(parseReceiptDocument({ blocks: [{ kind: 'drawer', pin: 5 }] })).toEqual({
      blocks: [{ kind: 'drawer', pin: 5 }],
    });
  });
});
