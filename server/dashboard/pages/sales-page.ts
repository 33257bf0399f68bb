import { type CsvRow, formulaSafeCsv } from '../../../src/closeout/csv.js';
import { PAY_METHODS, WALLETS } from '../../../src/closeout/report-schema.js';
import type { StoreDatabase } from '../../db/database.js';
import type { StoreCloseouts } from '../../store-closeout.js';
import { barChart } from '../bar-chart.js';
import type { Dashboard, DashboardContext } from '../dashboard.js';
import { type Html, html } from '../html.js';
import { formatKst, formatWon } from '../i18n/index.js';
import { PERIODS, type Period, type PeriodKind, type SalesSummary, periodOf, salesSummary } from '../sales-summary.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A page showing today refreshes itself this often (no script: a meta refresh), so the owner watches the day live. */
const LIVE_REFRESH_S = 60;

/** The period a request asks for (`?period=day|week|month&date=`), by default the store's business day now. */
export async function askedPeriod(ctx: DashboardContext, closeouts: StoreCloseouts): Promise<{ period: Period; today: string }> {
  const today = await closeouts.businessDateOf(ctx.store.storeId, ctx.now);
  const asked = ctx.query.get('date');
  const date = asked && DATE.test(asked) ? asked : today;
  const kind = (PERIODS as readonly string[]).includes(ctx.query.get('period') ?? '') ? (ctx.query.get('period') as PeriodKind) : 'day';
  return { period: periodOf(kind, date), today };
}

async function summaryOf(ctx: DashboardContext, db: StoreDatabase, closeouts: StoreCloseouts): Promise<{ summary: SalesSummary; today: string }> {
  const { period, today } = await askedPeriod(ctx, closeouts);
  return { summary: await salesSummary(db, ctx.store.storeId, period), today };
}

/**
 * 매출 (issue 18 point 5): today live per till, by hour, by method and
 * wallet, top items; a day, its week or its month; charts, CSV, and the
 * same figures as JSON for the dashboard API.
 */
export function registerSalesPage(dashboard: Dashboard, db: StoreDatabase, closeouts: StoreCloseouts): void {
  dashboard.page('/dashboard/sales', 'nav.sales', async (ctx) => {
    const { summary, today } = await summaryOf(ctx, db, closeouts);
    const live = summary.period.first <= today && today <= summary.period.last;
    return { kind: 'page', title: ctx.t('sales.title'), body: salesBody(ctx, summary), ...(live ? { refreshSeconds: LIVE_REFRESH_S } : {}) };
  });
  dashboard.get('/dashboard/api/sales', async (ctx) => ({ kind: 'json', body: (await summaryOf(ctx, db, closeouts)).summary }));
  dashboard.get('/dashboard/sales.csv', async (ctx) => {
    const { summary } = await summaryOf(ctx, db, closeouts);
    return { kind: 'csv', filename: `sales-${summary.storeId}-${summary.period.kind}-${summary.period.first}.csv`, text: salesCsv(ctx, summary) };
  });
}

/**
 * The day / week / month tabs, the date picker and the CSV link of a page
 * showing `period` at `path`, and the period as words.
 */
export function periodToolbar(ctx: DashboardContext, period: Period, path: string, csvPath: string): { toolbar: Html; range: string } {
  const { t } = ctx;
  const date = period.first === period.last ? period.first : (ctx.query.get('date') ?? period.first);
  const tabs = PERIODS.map(
    (p) => html`<a href="${ctx.href(path, { period: p, date })}"${p === period.kind ? html` aria-current="page"` : ''}>${t(`period.${p}`)}</a>`,
  );
  const toolbar = html`<div class="toolbar">
    <nav class="periods">${tabs}</nav>
    <form method="get" action="${path}">
      <input type="hidden" name="store" value="${ctx.store.storeId}">
      <input type="hidden" name="period" value="${period.kind}">
      <input id="date" name="date" type="date" value="${date}" aria-label="${t('closeout.date')}">
      <button type="submit">${t('store.show')}</button>
    </form>
    <a href="${ctx.href(csvPath, { period: period.kind, date })}" download>${t('csv.download')}</a>
  </div>`;
  const range = period.first === period.last ? period.first : t('sales.range', { first: period.first, last: period.last });
  return { toolbar, range };
}

function salesBody(ctx: DashboardContext, s: SalesSummary): Html {
  const { t, lang } = ctx;
  const won = (n: number) => formatWon(n, lang);
  const { toolbar, range } = periodToolbar(ctx, s.period, '/dashboard/sales', '/dashboard/sales.csv');
  const tillRows = s.tills.map(
    (till) => html`<tr><td>${till.tillId}</td><td class="num">${won(till.gross)}</td><td class="num">${won(till.refunds + till.cancellations)}</td><td class="num">${won(till.net)}</td><td class="num">${till.receipts}</td></tr>`,
  );
  const hourBars = s.byHour.map((h) => ({ label: String(h.hour), value: h.amount, title: won(h.amount) }));
  const methodBars = PAY_METHODS.map((m) => ({ label: t(`method.${m}`), value: s.byMethod[m], title: won(s.byMethod[m]) }));
  return html`<h1>${t('sales.title')} · ${ctx.store.name}</h1>
${toolbar}
<p class="muted">${range}${s.asOf === null ? '' : html` · ${t('sales.asOf', { at: formatKst(s.asOf, lang) })}`}</p>
${s.asOf === null ? html`<p class="notice">${t('sales.noRows')}</p>` : ''}
<div class="scroll"><table data-testid="sales-tills">
<thead><tr><th>${t('sales.perTill')}</th><th class="num">${t('closeout.gross')}</th><th class="num">${t('closeout.refunds')}</th><th class="num">${t('closeout.net')}</th><th class="num">${t('closeout.receipts')}</th></tr></thead>
<tbody>${tillRows}<tr class="total"><td>${t('closeout.total')}</td><td class="num">${won(s.total.gross)}</td><td class="num">${won(s.total.refunds + s.total.cancellations)}</td><td class="num">${won(s.total.net)}</td><td class="num">${s.total.receipts}</td></tr></tbody>
</table></div>
<p>${t('sales.average')}: ${won(s.total.averagePerCustomer)}</p>
<section><h2>${t('sales.byHour')}</h2>${barChart(t('sales.byHour'), hourBars)}</section>
<div class="cards">
<section><h2>${t('closeout.byMethod')}</h2>${barChart(t('closeout.byMethod'), methodBars)}
<div class="scroll"><table data-testid="sales-methods"><tbody>${PAY_METHODS.map((m) => html`<tr><td>${t(`method.${m}`)}</td><td class="num">${won(s.byMethod[m])}</td></tr>`)}</tbody></table></div></section>
<section><h2>${t('sales.byWallet')}</h2><div class="scroll"><table data-testid="sales-wallets"><tbody>${WALLETS.map((w) => html`<tr><td>${t(`wallet.${w}`)}</td><td class="num">${won(s.byWallet[w])}</td></tr>`)}</tbody></table></div></section>
</div>
<section><h2>${t('sales.topItems')}</h2><div class="scroll"><table data-testid="sales-items">
<thead><tr><th>${t('sales.item')}</th><th class="num">${t('sales.quantity')}</th><th class="num">${t('sales.amount')}</th></tr></thead>
<tbody>${s.byItem.top.map((i) => html`<tr><td>${i.name}</td><td class="num">${i.quantity}</td><td class="num">${won(i.amount)}</td></tr>`)}
${s.byItem.rest.items > 0 ? html`<tr><td>${t('sales.rest', { n: s.byItem.rest.items })}</td><td class="num">${s.byItem.rest.quantity}</td><td class="num">${won(s.byItem.rest.amount)}</td></tr>` : ''}</tbody>
</table></div></section>`;
}

/** The summary as CSV in the reader's language: section, key, figures; amounts as plain integers. */
function salesCsv(ctx: DashboardContext, s: SalesSummary): string {
  const { t } = ctx;
  const rows: CsvRow[] = [
    [t('sales.title'), ctx.store.name, s.period.first, s.period.last],
    [t('sales.perTill'), '', t('closeout.gross'), t('closeout.refunds'), t('sales.cancellations'), t('closeout.net'), t('closeout.receipts')],
    ...s.tills.map((till) => [t('sales.perTill'), till.tillId, till.gross, till.refunds, till.cancellations, till.net, till.receipts]),
    [t('closeout.total'), '', s.total.gross, s.total.refunds, s.total.cancellations, s.total.net, s.total.receipts],
    ...PAY_METHODS.map((m) => [t('closeout.byMethod'), t(`method.${m}`), s.byMethod[m]]),
    ...WALLETS.map((w) => [t('sales.byWallet'), t(`wallet.${w}`), s.byWallet[w]]),
    ...s.byHour.map((h) => [t('sales.byHour'), t('sales.hour', { h: h.hour }), h.count, h.amount]),
    ...s.byItem.top.map((i) => [t('sales.topItems'), i.name, i.quantity, i.amount]),
  ];
  return formulaSafeCsv(rows);
}
