import { useTranslation } from 'react-i18next';
import { useCheckout } from '../../stores/checkout-store.js';
import { Money } from '../common/Money.js';

/** The running total with its VAT split (priced by the core), and what is paid and due once payment started. */
export function Totals() {
  const { t } = useTranslation();
  const totals = useCheckout((s) => s.session?.totals);
  const saleDiscount = useCheckout((s) => s.session?.saleDiscount ?? 0);
  const sale = useCheckout((s) => s.session?.sale);
  if (!totals) return null;
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
      {paid > 0 && sale && (
        <>
          <dt>{t('sale.paid')}</dt>
          <dd>
            <Money minor={paid} />
          </dd>
          <dt className="due">{t('sale.due')}</dt>
          <dd className="due" data-testid="sale-due">
            <Money minor={sale.balance.due} />
          </dd>
        </>
      )}
    </dl>
  );
}
