import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckoutLineView } from '../../../../src/api/schemas/checkout.js';
import { useCheckout } from '../../stores/checkout-store.js';
import { Money } from '../common/Money.js';
import { keepFocus } from '../common/keep-focus.js';

type RowProps = { line: CheckoutLineView; index: number; selected: boolean };

const LineRow = memo(function LineRow({ line, index, selected }: RowProps) {
  const select = useCheckout((s) => s.select);
  return (
    <div role="row" aria-selected={selected} className={selected ? 'line-row selected' : 'line-row'} onMouseDown={keepFocus} onClick={() => select(selected ? null : line.lineId)} data-testid="sale-line">
      <span role="cell" className="num">
        {index + 1}
      </span>
      <span role="cell" className="name">
        {line.name}
        {line.tax === 'tax-free' && <span className="tax-free-mark">*</span>}
      </span>
      <span role="cell" className="num">
        {line.quantity}
      </span>
      <span role="cell" className="num">
        <Money minor={line.unitPrice} />
      </span>
      <span role="cell" className="num">
        {line.discount > 0 && <Money minor={-line.discount} className="discount" />}
      </span>
      <span role="cell" className="num amount">
        <Money minor={line.amount} />
      </span>
    </div>
  );
}, sameRow);

/** Every state of the session is a new object: a row repaints only when what it shows changed (a long sale stays fast). */
function sameRow(a: RowProps, b: RowProps): boolean {
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
/** Rows per block: the unit the browser skips while it is out of view. */
const BLOCK = 20;

/**
 * A block of rows. Off screen a full block is skipped whole (app.css): the
 * browser's paint of the scrolled list covers 4,000 px beyond the view, and
 * skipped rows one by one still cost a box each there on every scan. The last
 * block, still filling, is the one on screen: it is never skipped, since a
 * block that may be skipped is laid out and pre-painted twice in its first
 * frame (the browser finds out after layout whether it is in view), which
 * every scan that started a block paid (1.2 ms of 4.6, issue 17).
 */
function LineBlock({ lines, start, selectedId }: { lines: CheckoutLineView[]; start: number; selectedId: string | null }) {
  return (
    <div className={lines.length === BLOCK ? 'line-block full' : 'line-block'}>
      {lines.map((line, i) => (
        <LineRow key={line.lineId} line={line} index={start + i} selected={line.lineId === selectedId} />
      ))}
    </div>
  );
}

/**
 * The sale's lines; a tap selects one for quantity, discount or removal.
 * Rows, not a <table>: a table sizes its columns from every cell, so each
 * scanned line laid out all 200 rows again (about 20 ms of the scan's frame,
 * issue 17). Each row is a grid of fixed columns, in blocks that the browser
 * skips while they are scrolled out of view (`content-visibility: auto`,
 * app.css); ARIA roles keep it a table for a screen reader. The list scrolls from its end (a
 * reversed flex box), so a new line shows at the bottom with no script: a
 * scrollIntoView after each line forced a layout before the frame's own. Only
 * when the cashier has scrolled up is the list brought back to its end.
 */
export function LineList() {
  const { t } = useTranslation();
  const lines = useCheckout((s) => s.session?.lines ?? NO_LINES);
  const selectedId = useCheckout((s) => s.selectedId);
  const scroller = useRef<HTMLDivElement>(null);
  const scrolledUp = useRef(false);
  useEffect(() => {
    // Reversed: 0 is the end, and scrolling up goes negative.
    if (scrolledUp.current && scroller.current) scroller.current.scrollTop = 0;
  }, [lines.length]);
  return (
    <div className="line-list" ref={scroller} onScroll={(e) => (scrolledUp.current = e.currentTarget.scrollTop < -1)}>
      <div className="line-table" role="table" data-testid="line-list" aria-rowcount={lines.length + 1}>
        <div role="row" className="line-head">
          <span role="columnheader" className="num">
            {t('sale.col.no')}
          </span>
          <span role="columnheader">{t('sale.col.item')}</span>
          <span role="columnheader" className="num">
            {t('sale.col.quantity')}
          </span>
          <span role="columnheader" className="num">
            {t('sale.col.price')}
          </span>
          <span role="columnheader" className="num">
            {t('sale.col.discount')}
          </span>
          <span role="columnheader" className="num">
            {t('sale.col.amount')}
          </span>
        </div>
        <div role="rowgroup">
          {Array.from({ length: Math.ceil(lines.length / BLOCK) }, (_, b) => (
            <LineBlock key={b} lines={lines.slice(b * BLOCK, (b + 1) * BLOCK)} start={b * BLOCK} selectedId={selectedId} />
          ))}
        </div>
        {lines.length === 0 && <p className="empty">{t('sale.empty')}</p>}
      </div>
    </div>
  );
}
