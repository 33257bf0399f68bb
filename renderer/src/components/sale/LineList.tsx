import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CartLine } from '../../sale/cart-math.js';
import { lineAmount } from '../../sale/cart-math.js';
import { useCart } from '../../stores/cart-store.js';
import { Money } from '../common/Money.js';
import { keepFocus } from '../common/keep-focus.js';

const LineRow = memo(function LineRow({ line, index, selected }: { line: CartLine; index: number; selected: boolean }) {
  const { t } = useTranslation();
  const select = useCart((s) => s.select);
  return (
    <tr className={selected ? 'selected' : ''} onMouseDown={keepFocus} onClick={() => select(selected ? null : line.id)} data-testid="sale-line">
      <td className="num">{index + 1}</td>
      <td className="name">
        {line.name}
        {line.tax === 'tax-free' && <span className="tax-free-mark">*</span>}
        {line.weightGrams !== undefined && <span className="line-weight">{t('catalog.weight', { kg: (line.weightGrams / 1000).toFixed(3) })}</span>}
      </td>
      <td className="num">{line.quantity}</td>
      <td className="num">
        <Money minor={line.unitPrice} />
      </td>
      <td className="num">{line.discount > 0 && <Money minor={-line.discount} className="discount" />}</td>
      <td className="num amount">
        <Money minor={lineAmount(line)} />
      </td>
    </tr>
  );
});

/** The sale's lines; a tap selects one for quantity, discount or removal. */
export function LineList() {
  const { t } = useTranslation();
  const lines = useCart((s) => s.lines);
  const selectedId = useCart((s) => s.selectedId);
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
            <LineRow key={line.id} line={line} index={i} selected={line.id === selectedId} />
          ))}
          <tr ref={end} className="line-end" />
        </tbody>
      </table>
      {lines.length === 0 && <p className="empty">{t('sale.empty')}</p>}
    </div>
  );
}
