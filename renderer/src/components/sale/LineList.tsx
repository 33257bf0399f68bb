import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckoutLineView } from '../../../../src/api/schemas/checkout.js';
import { useCheckout } from '../../stores/checkout-store.js';
import { Money } from '../common/Money.js';
import { keepFocus } from '../common/keep-focus.js';

const LineRow = memo(function LineRow({ line, index, selected }: { line: CheckoutLineView; index: number; selected: boolean }) {
  const select = useCheckout((s) => s.select);
  return (
    <tr className={selected ? 'selected' : ''} onMouseDown={keepFocus} onClick={() => select(selected ? null : line.lineId)} data-testid="sale-line">
      <td className="num">{index + 1}</td>
      <td className="name">
        {line.name}
        {line.tax === 'tax-free' && <span className="tax-free-mark">*</span>}
      </td>
      <td className="num">{line.quantity}</td>
      <td className="num">
        <Money minor={line.unitPrice} />
      </td>
      <td className="num">{line.discount > 0 && <Money minor={-line.discount} className="discount" />}</td>
      <td className="num amount">
        <Money minor={line.amount} />
      </td>
    </tr>
  );
}, sameRow);

/** Every state of the session is a new object: a row repaints only when what it shows changed (a long sale stays fast). */
function sameRow(a: { line: CheckoutLineView; index: number; selected: boolean }, b: { line: CheckoutLineView; index: number; selected: boolean }): boolean {
  const [x, y] = [a.line, b.line];
  return (
    a.index === b.index &&
    a.selected === b.selected &&
    x.lineId === y.lineId &&
    x.name === y.name &&
    x.quantity === y.quantity &&
    x.unitPrice === y.unitPrice &&
    x.discount === y.discount &&
    x.amount === y.amount &&
    x.tax === y.tax
  );
}

const NO_LINES: CheckoutLineView[] = [];

/** The sale's lines; a tap selects one for quantity, discount or removal. */
export function LineList() {
  const { t } = useTranslation();
  const lines = useCheckout((s) => s.session?.lines ?? NO_LINES);
  const selectedId = useCheckout((s) => s.selectedId);
  const end = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    // Newer Chromium returns a promise from scrollIntoView: it must not become the effect's cleanup.
    void end.current?.scrollIntoView({ block: 'nearest' });
  }, [lines.length]);
  return (
    <div className="line-list">
      <table>
        <thead>
          <tr>
            <th className="num">{t('sale.col.no')}</th>
            <th>{t('sale.col.item')}</th>
            <th className="num">{t('sale.col.quantity')}</th>
            <th className="num">{t('sale.col.price')}</th>
            <th className="num">{t('sale.col.discount')}</th>
            <th className="num">{t('sale.col.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, i) => (
            <LineRow key={line.lineId} line={line} index={i} selected={line.lineId === selectedId} />
          ))}
          <tr ref={end} className="line-end" />
        </tbody>
      </table>
      {lines.length === 0 && <p className="empty">{t('sale.empty')}</p>}
    </div>
  );
}
