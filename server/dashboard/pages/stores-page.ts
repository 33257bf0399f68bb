import { type CsvRow, formulaSafeCsv } from '../../../src/closeout/csv.js';
import type { StoreDatabase } from '../../db/database.js';
import type { StoreCloseouts } from '../../store-closeout.js';
import { barChart } from '../bar-chart.js';
import type { Dashboard, DashboardContext } from '../dashboard.js';
import { type Html, html } from '../html.js';
import { formatWon } from '../i18n/index.js';
import { type Period, type SalesSummary, salesSummary } from '../sales-summary.js';
import { askedPeriod, periodToolbar } from './sales-page.js';

/** The stores side by side for one period: each store's totals, as its own sales page counts them. */
export interface StoresSideBySide {
  period: Period;
  stores: Array<{ storeId: string; name: string; tills: number } & SalesSummary['total']>;
}

/** Every store the login sees, summed over `period` with the sales page's own figures (salesSummary). */
async function sideBySide(ctx: DashboardContext, db: StoreDatabase, closeouts: StoreCloseouts): Promise<StoresSideBySide> {
  const { period } = await askedPeriod(ctx, closeouts);
  const stores: StoresSideBySide['stores'] = [];
  for (const store of ctx.stores) {
    const summary = await salesSummary(db, store.storeId, period);
    stores.push({ storeId: store.storeId, name: store.name, tills: summary.tills.length, ...summary.total });
  }
  return { period, stores };
}

/**
 * 매장 비교 (issue 18 point 6): HQ sees every store of the chain side by
 * side for a day, week or month (an owner, the stores of their login);
 * the same figures as JSON and CSV.
 */
export function registerStoresPage(dashboard: Dashboard, db: StoreDatabase, closeouts: StoreCloseouts): void {
  dashboard.page('/dashboard/stores', 'nav.stores', async (ctx) => {
    const view = await sideBySide(ctx, db, closeouts);
    return { kind: 'page', title: ctx.t('stores.title'), body: storesBody(ctx, view) };
  });
  dashboard.get('/dashboard/api/stores', async (ctx) => ({ kind: 'json', body: await sideBySide(ctx, db, closeouts) }));
  dashboard.get('/dashboard/stores.csv', async (ctx) => {
    const view = await sideBySide(ctx, db, closeouts);
    return { kind: 'csv', filename: `stores-${view.period.kind}-${view.period.first}.csv`, text: storesCsv(ctx, view) };
  });
}

function storesBody(ctx: DashboardContext, view: StoresSideBySide): Html {
  const { t, lang } = ctx;
  const won = (n: number) => formatWon(n, lang);
  const { toolbar, range } = periodToolbar(ctx, view.period, '/dashboard/stores', '/dashboard/stores.csv');
  const rows = view.stores.map(
    (s) => html`<tr><td><a href="${ctx.href('/dashboard/sales', { store: s.storeId, period: view.period.kind, date: view.period.first })}">${s.name}</a></td><td class="num">${s.tills}</td><td class="num">${won(s.gross)}</td><td class="num">${won(s.refunds + s.cancellations)}</td><td class="num">${won(s.net)}</td><td class="num">${s.receipts}</td><td class="num">${won(s.averagePerCustomer)}</td></tr>`,
  );
  const total = (pick: (s: StoresSideBySide['stores'][number]) => number) => view.stores.reduce((n, s) => n + pick(s), 0);
  const bars = view.stores.map((s) => ({ label: s.name, value: s.net, title: won(s.net) }));
  return html`<h1>${t('stores.title')}</h1>
${toolbar}
<p class="muted">${range}</p>
<div class="scroll"><table data-testid="stores-side-by-side">
<thead><tr><th>${t('stores.store')}</th><th class="num">${t('stores.tills')}</th><th class="num">${t('closeout.gross')}</th><th class="num">${t('closeout.refunds')}</th><th class="num">${t('closeout.net')}</th><th class="num">${t('closeout.receipts')}</th><th class="num">${t('sales.average')}</th></tr></thead>
<tbody>${rows}<tr class="total"><td>${t('closeout.total')}</td><td class="num">${total((s) => s.tills)}</td><td class="num">${won(total((s) => s.gross))}</td><td class="num">${won(total((s) => s.refunds + s.cancellations))}</td><td class="num">${won(total((s) => s.net))}</td><td class="num">${total((s) => s.receipts)}</td><td></td></tr></tbody>
</table></div>
<section><h2>${t('closeout.net')}</h2>${barChart(t('closeout.net'), bars)}</section>`;
}

/** The side-by-side view as CSV in the reader's language; amounts as plain integers. */
function storesCsv(ctx: DashboardContext, view: StoresSideBySide): string {
  const { t } = ctx;
  const rows: CsvRow[] = [
    [t('stores.title'), view.period.first, view.period.last],
    [t('stores.store'), '', t('stores.tills'), t('closeout.gross'), t('closeout.refunds'), t('sales.cancellations'), t('closeout.net'), t('closeout.receipts'), t('sales.average')],
    ...view.stores.map((s) => [s.storeId, s.name, s.tills, s.gross, s.refunds, s.cancellations, s.net, s.receipts, s.averagePerCustomer]),
  ];
  return formulaSafeCsv(rows);
}
