import { useTranslation } from 'react-i18next';
import { cartTotals } from '../../sale/cart-math.js';
import { useCart } from '../../stores/cart-store.js';
import { usePayment } from '../../stores/payment-store.js';
import { Money } from '../common/Money.js';

/** The running total with its VAT split, and what is paid and due once payment started. */
export function Totals() {
  const { t } = useTranslation();
  const lines = useCart((s) => s.lines);
  const saleDiscount = useCart((s) => s.saleDiscount);
  const sale = usePayment((s) => s.sale);
  const totals = cartTotals(lines, saleDiscount);
  const paid = sale?.state === 'open' ? sale.balance.paid : 0;
  return (
    <dl className="totals" data-testid="totals">
      <dt>{t('sale.supply')}</dt>
      <dd>
        <Money minor={totals.supply} />
      </dd>
      <dt>{t('sale.vat')}</dt>
      <dd>
        <Money minor={totals.vat} />
      </dd>
      {totals.taxFree !== 0 && (
        <>
          <dt>{t('sale.taxFree')}</dt>
          <dd>
            <Money minor={totals.taxFree} />
          </dd>
        </>
      )}
      {saleDiscount > 0 && (
        <>
          <dt>{t('sale.saleDiscount')}</dt>
          <dd>
            <Money minor={-Math.min(saleDiscount, totals.subtotal)} />
          </dd>
        </>
      )}
      <dt className="grand">{t('sale.total')}</dt>
      <dd className="grand" data-testid="sale-total" data-total={totals.total}>
        <Money minor={totals.total} />
      </dd>
      {paid > 0 && (
        <>
          <dt>{t('sale.paid')}</dt>
          <dd>
            <Money minor={paid} />
          </dd>
          <dt className="due">{t('sale.due')}</dt>
          <dd className="due" data-testid="sale-due">
            <Money minor={sale!.balance.due} />
          </dd>
        </>
      )}
    </dl>
  );
}
