import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContractError } from '../../../../src/api/errors.js';
import { pos } from '../../client.js';
import { addToSale } from '../../sale/add-to-sale.js';
import { useCheckout } from '../../stores/checkout-store.js';
import type { CatalogItem } from '../../../../src/api/schemas/catalog.js';
import { useCatalog } from '../../stores/catalog-store.js';
import { PinField } from '../common/PinField.js';
import { keepFocus } from '../common/keep-focus.js';

/**
 * 등록되지 않은 상품: a good product barcode the catalog does not know. One
 * tap sells it at the price typed in the amount field; the owner may add it
 * to the catalog (name, tax class, price, PIN) and it is rung up at once.
 * The tax class is asked, not assumed: produce and eggs are 면세, and booking
 * them as 과세 puts VAT on the Z that the shop never owed.
 */
export function UnknownProduct() {
  const { t } = useTranslation();
  const code = useCatalog((s) => s.unknownCode);
  const close = () => useCatalog.getState().askUnknown(null);
  const entry = useCheckout((s) => s.entry);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [tax, setTax] = useState<CatalogItem['tax']>('taxable');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!code) return null;
  const sellOpen = async () => {
    if (await useCheckout.getState().addEntryAsLine(t('sale.openItem'))) close();
    else setError(t('catalog.unknown.typePrice'));
  };
  const addToCatalog = async () => {
    const price = Number(entry || '0');
    // An empty amount field is a price not typed yet, not a free item.
    if (price <= 0) {
      setError(t('catalog.unknown.typePrice'));
      return;
    }
    try {
      const item = await pos()['catalog.saveItem']({
        item: { name: name.trim() || code, price, tax, category: '', barcodes: [code], stock: null, active: true },
        ownerPin: pin,
      });
      useCheckout.getState().clearEntry();
      addToSale(item);
      setAdding(false);
      setName('');
      setTax('taxable');
      setPin('');
      close();
    } catch (err) {
      setError(err instanceof ContractError ? err.message : String(err));
    }
  };
  return (
    <div className="panel unknown-product" role="alertdialog" data-testid="unknown-product">
      <h3>{t('catalog.unknown.title')}</h3>
      <p className="code">{code}</p>
      <p>{t('catalog.unknown.hint')}</p>
      {error && <p className="form-error">{error}</p>}
      <div className="panel-actions">
        <button type="button" onMouseDown={keepFocus} onClick={() => void sellOpen()} data-testid="sell-open-price">
          {t('catalog.unknown.sellOpen')}
        </button>
        <button type="button" onMouseDown={keepFocus} onClick={() => setAdding(!adding)} data-testid="add-to-catalog">
          {t('catalog.unknown.add')}
        </button>
        <button type="button" onMouseDown={keepFocus} onClick={close}>
          {t('keys.cancel')}
        </button>
      </div>
      {adding && (
        <form
          className="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            void addToCatalog();
          }}
        >
          <label>
            {t('settings.items.name')}
            <input type="text" value={name} onChange={(e) => setName(e.target.value)} data-testid="new-item-name" />
          </label>
          <label>
            {t('settings.items.tax')}
            <select value={tax} onChange={(e) => setTax(e.target.value === 'tax-free' ? 'tax-free' : 'taxable')} data-testid="new-item-tax">
              <option value="taxable">{t('settings.items.taxable')}</option>
              <option value="tax-free">{t('settings.items.taxFree')}</option>
            </select>
          </label>
          <p>{t('catalog.unknown.priceFromEntry')}</p>
          <PinField value={pin} onChange={setPin} label={t('catalog.ownerPin')} />
          <button type="submit" data-testid="save-new-item">
            {t('catalog.unknown.save')}
          </button>
        </form>
      )}
    </div>
  );
}
