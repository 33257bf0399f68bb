import { randomUUID } from 'node:crypto';
import type { StoreItem } from '../../../src/store/store-data-protocol.js';
import { storeItemSchema } from '../../../src/store/store-data-protocol.js';
import { RequestRefused } from '../../http-json.js';
import type { StoreData } from '../../store-data.js';
import type { Dashboard, DashboardContext, DashboardReply } from '../dashboard.js';
import { type Html, html } from '../html.js';
import { formatKst, formatWon } from '../i18n/index.js';

/** Rows the list shows at once: a 50,000-item catalog is searched, not scrolled. */
const LIST_LIMIT = 200;

/**
 * The catalog on the dashboard (issue 18 points 3 and 5): find an item, edit
 * its name, price, tax class, category, barcodes or retire it, or add one.
 * Each save is a new version of the store's data, which every till applies
 * after its current sale; the page shows which version each till holds.
 */
export function registerCatalogPage(dashboard: Dashboard, data: StoreData): void {
  dashboard.page('/dashboard/catalog', 'nav.catalog', async (ctx) =>
    catalogPage(ctx, data, ctx.query.get('published')),
  );
  dashboard.get('/dashboard/catalog/item', async (ctx) => {
    const id = ctx.query.get('id');
    const item = id ? await data.item(ctx.store.storeId, id) : undefined;
    if (id && !item)
      return {
        kind: 'page',
        title: ctx.t('catalog.title'),
        body: html`<p class="notice">${ctx.t('error.notFound')}</p>`,
        status: 404,
      };
    return {
      kind: 'page',
      title: ctx.t(item ? 'catalog.edit' : 'catalog.new'),
      body: itemForm(ctx, item, undefined),
    };
  });
  dashboard.post('/dashboard/catalog/item', async (ctx, form) => {
    const id = form.get('id') || randomUUID().replaceAll('-', '').slice(0, 16);
    const parsed = storeItemSchema.safeParse({
      id,
      name: form.get('name') ?? '',
      ...optionalName('nameEn', form.get('nameEn')),
      ...optionalName('nameZh', form.get('nameZh')),
      price: /^\d{1,9}$/.test(form.get('price') ?? '') ? Number(form.get('price')) : -1,
      tax: form.get('tax'),
      category: form.get('category') ?? '',
      barcodes: (form.get('barcodes') ?? '').split(/[\s,|]+/).filter((c) => c.length > 0),
      active: form.get('active') === 'on',
    });
    const title = ctx.t(form.get('id') ? 'catalog.edit' : 'catalog.new');
    if (!parsed.success) {
      const problem = parsed.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ');
      return { kind: 'page', title, body: itemForm(ctx, undefined, problem, form), status: 400 };
    }
    try {
      const { version } = await data.publish(
        ctx.store.storeId,
        { items: [parsed.data] },
        ctx.account.login,
      );
      return {
        kind: 'redirect',
        to: ctx.href('/dashboard/catalog', { published: String(version), q: parsed.data.name }),
      };
    } catch (error) {
      if (!(error instanceof RequestRefused)) throw error;
      return {
        kind: 'page',
        title,
        body: itemForm(ctx, undefined, error.message, form),
        status: 400,
      };
    }
  });
}

function optionalName(key: 'nameEn' | 'nameZh', value: string | null): Record<string, string> {
  return value && value.trim() ? { [key]: value } : {};
}

async function catalogPage(
  ctx: DashboardContext,
  data: StoreData,
  published: string | null,
): Promise<DashboardReply> {
  const { t, lang } = ctx;
  const query = (ctx.query.get('q') ?? '').trim();
  const [items, version, tills] = await Promise.all([
    data.findItems(ctx.store.storeId, query, LIST_LIMIT),
    data.head(ctx.store.storeId),
    data.tillVersions(ctx.store.storeId),
  ]);
  const rows = items.map(
    (item) =>
      html`<tr class="${item.active ? '' : 'muted'}">
        <td>
          <a href="${ctx.href('/dashboard/catalog/item', { id: item.id })}">${item.name}</a
          >${item.active ? '' : html` (${t('catalog.retired')})`}
        </td>
        <td class="num">${formatWon(item.price, lang)}</td>
        <td>${t(item.tax === 'taxable' ? 'catalog.taxable' : 'catalog.taxFree')}</td>
        <td>${item.category}</td>
        <td>${item.barcodes.join(' ')}</td>
      </tr>`,
  );
  const body = html`<h1>${t('catalog.title')} · ${ctx.store.name}</h1>
    ${published ? html`<p class="notice" role="status">${t('catalog.published', { version: published })}</p>` : ''}
    <div class="toolbar">
      <form method="get" action="/dashboard/catalog">
        <input type="hidden" name="store" value="${ctx.store.storeId}" />
        <label for="q">${t('catalog.search')}</label>
        <input id="q" name="q" type="search" value="${query}" />
        <button type="submit">${t('store.show')}</button>
      </form>
      <a href="${ctx.href('/dashboard/catalog/item')}">${t('catalog.new')}</a>
    </div>
    <p>${t('catalog.version', { version })}</p>
    <div class="scroll">
      <table data-testid="catalog-items">
        <thead>
          <tr>
            <th>${t('catalog.name')}</th>
            <th>${t('catalog.price')}</th>
            <th>${t('catalog.tax')}</th>
            <th>${t('catalog.category')}</th>
            <th>${t('catalog.barcodes')}</th>
          </tr>
        </thead>
        <tbody>
          ${
            rows.length > 0
              ? rows
              : html`<tr>
                  <td colspan="5" class="muted">${t('catalog.none')}</td>
                </tr>`
          }
        </tbody>
      </table>
    </div>
    <h2>${t('catalog.tills')}</h2>
    <div class="scroll">
      <table data-testid="catalog-tills">
        <thead>
          <tr>
            <th>${t('closeout.till')}</th>
            <th>${t('catalog.tillVersion')}</th>
            <th>${t('catalog.tillAsked')}</th>
          </tr>
        </thead>
        <tbody>
          ${tills.map(
            (till) =>
              html`<tr>
                <td>${till.tillId}</td>
                <td class="num">${till.version}</td>
                <td>${till.askedAt === null ? '—' : formatKst(till.askedAt, lang)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  return { kind: 'page', title: t('catalog.title'), body };
}

/** The form of one item: `item` to edit it, none for a new one; `form` refills what was typed when a save was refused. */
function itemForm(
  ctx: DashboardContext,
  item: StoreItem | undefined,
  problem: string | undefined,
  form?: URLSearchParams,
): Html {
  const { t } = ctx;
  const value = (key: string, fallback: string) => (form ? (form.get(key) ?? '') : fallback);
  const tax = value('tax', item?.tax ?? 'taxable');
  const active = form ? form.get('active') === 'on' : (item?.active ?? true);
  const field = (
    key: string,
    label: string,
    current: string,
    type = 'text',
    extra: Html | string = '',
  ) =>
    html`<p>
      <label for="${key}">${label}</label><br /><input
        id="${key}"
        name="${key}"
        type="${type}"
        value="${current}"
        ${extra}
      />
    </p>`;
  return html`<h1>
      ${t(item || form?.get('id') ? 'catalog.edit' : 'catalog.new')} · ${ctx.store.name}
    </h1>
    ${problem ? html`<p class="notice bad" role="alert">${t('error.refused', { message: problem })}</p>` : ''}
    <form method="post" action="${ctx.href('/dashboard/catalog/item')}" class="item-form">
      <input type="hidden" name="id" value="${value('id', item?.id ?? '')}" />
      ${field('name', t('catalog.name'), value('name', item?.name ?? ''), 'text', html`required maxlength="64"`)}
      ${field('nameEn', t('catalog.nameEn'), value('nameEn', item?.nameEn ?? ''))}
      ${field('nameZh', t('catalog.nameZh'), value('nameZh', item?.nameZh ?? ''))}
      ${field('price', t('catalog.price'), value('price', item ? String(item.price) : ''), 'number', html`required min="0" step="1" inputmode="numeric"`)}
      <p>
        <label for="tax">${t('catalog.tax')}</label><br /><select id="tax" name="tax">
          <option value="taxable" ${tax === 'taxable' ? 'selected' : ''}>
            ${t('catalog.taxable')}
          </option>
          <option value="tax-free" ${tax === 'tax-free' ? 'selected' : ''}>
            ${t('catalog.taxFree')}
          </option>
        </select>
      </p>
      ${field('category', t('catalog.category'), value('category', item?.category ?? ''))}
      ${field('barcodes', t('catalog.barcodes'), value('barcodes', item?.barcodes.join(' ') ?? ''))}
      <p>
        <label
          ><input type="checkbox" name="active" ${active ? 'checked' : ''} />
          ${t('catalog.active')}</label
        >
      </p>
      <p>
        <button type="submit" class="primary">${t('catalog.save')}</button>
        <a href="${ctx.href('/dashboard/catalog')}">${t('catalog.back')}</a>
      </p>
    </form>`;
}
