import { type CsvRow, formulaSafeCsv } from '../../../src/closeout/csv.js';
import type { VatReport } from '../../../src/closeout/vat-report.js';
import type { StoreDatabase } from '../../db/database.js';
import type { StoreCloseouts } from '../../store-closeout.js';
import type { Dashboard, DashboardContext } from '../dashboard.js';
import { type Html, html } from '../html.js';
import { formatWon } from '../i18n/index.js';
import { MAX_VAT_MONTHS, storeVatReport } from '../store-vat.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const KINDS = ['card', 'cashReceipt', 'other'] as const;

/** The months a request names, else the current quarter so far; refused beyond the limit. */
async function reportOf(ctx: DashboardContext, db: StoreDatabase, closeouts: StoreCloseouts): Promise<VatReport | undefined> {
  const month = (await closeouts.businessDateOf(ctx.store.storeId, ctx.now)).slice(0, 7);
  const quarterStart = `${month.slice(0, 4)}-${String(Math.floor((Number(month.slice(5)) - 1) / 3) * 3 + 1).padStart(2, '0')}`;
  const from = ctx.query.get('from') ?? quarterStart;
  const to = ctx.query.get('to') ?? month;
  if (!MONTH.test(from) || !MONTH.test(to) || from > to) return undefined;
  try {
    return await storeVatReport(db, ctx.store.storeId, from, to);
  } catch (error) {
    if (error instanceof RangeError) return undefined; // more months than MAX_VAT_MONTHS
    throw error;
  }
}

/**
 * 부가세 신고 자료 (issue 18 point 5): the store's VAT by calendar month and
 * quarter (과세, 부가세, 면세; 신용카드 등 / 현금영수증 / 기타), as the
 * tills' own VAT report computes it; CSV for the accountant, JSON for the API.
 */
export function registerVatPage(dashboard: Dashboard, db: StoreDatabase, closeouts: StoreCloseouts): void {
  dashboard.page('/dashboard/vat', 'nav.vat', async (ctx) => {
    const report = await reportOf(ctx, db, closeouts);
    return { kind: 'page', title: ctx.t('vat.title'), body: vatBody(ctx, report), ...(report ? {} : { status: 400 }) };
  });
  dashboard.get('/dashboard/api/vat', async (ctx) => ({ kind: 'json', body: (await reportOf(ctx, db, closeouts)) ?? { error: 'INVALID_PARAMETER', months: `from..to, YYYY-MM, at most ${MAX_VAT_MONTHS}` } }));
  dashboard.get('/dashboard/vat.csv', async (ctx) => {
    const report = await reportOf(ctx, db, closeouts);
    if (!report) return { kind: 'page', title: ctx.t('vat.title'), body: vatBody(ctx, undefined), status: 400 };
    return { kind: 'csv', filename: `vat-${ctx.store.storeId}-${report.from}-${report.to}.csv`, text: vatCsv(ctx, report) };
  });
}

type PeriodRow = VatReport['months'][number] | VatReport['quarters'][number];

function vatBody(ctx: DashboardContext, report: VatReport | undefined): Html {
  const { t, lang } = ctx;
  const won = (n: number) => formatWon(n, lang);
  const form = html`<div class="toolbar"><form method="get" action="/dashboard/vat">
    <input type="hidden" name="store" value="${ctx.store.storeId}">
    <label for="from">${t('vat.from')}</label><input id="from" name="from" type="month" value="${report?.from ?? ''}">
    <label for="to">${t('vat.to')}</label><input id="to" name="to" type="month" value="${report?.to ?? ''}">
    <button type="submit">${t('store.show')}</button>
  </form>${report ? html`<a href="${ctx.href('/dashboard/vat.csv', { from: report.from, to: report.to })}" download>${t('csv.download')}</a>` : ''}</div>`;
  if (!report) return html`<h1>${t('vat.title')} · ${ctx.store.name}</h1>${form}<p class="error">YYYY-MM … YYYY-MM (≤ ${MAX_VAT_MONTHS})</p>`;
  const head = html`<tr><th></th><th class="num">${t('vat.taxable')}</th><th class="num">${t('vat.vat')}</th><th class="num">${t('vat.taxFree')}</th><th class="num">${t('vat.total')}</th>${KINDS.map((k) => html`<th class="num">${t(`vat.${k}`)}</th>`)}</tr>`;
  const row = (label: string, p: PeriodRow) =>
    html`<tr data-period="${label}"><td>${label}</td><td class="num">${won(p.taxable)}</td><td class="num">${won(p.vat)}</td><td class="num">${won(p.taxFree)}</td><td class="num">${won(p.total)}</td>${KINDS.map(
      (k) => html`<td class="num">${won(p.byKind[k].taxable + p.byKind[k].vat + p.byKind[k].taxFree)}</td>`,
    )}</tr>`;
  return html`<h1>${t('vat.title')} · ${ctx.store.name}</h1>
${form}
<p class="muted">${t('vat.note')}</p>
<h2>${t('vat.byQuarter')}</h2>
<div class="scroll"><table data-testid="vat-quarters"><thead>${head}</thead><tbody>${report.quarters.map((q) => row(q.quarter, q))}</tbody></table></div>
<h2>${t('vat.byMonth')}</h2>
<div class="scroll"><table data-testid="vat-months"><thead>${head}</thead><tbody>${report.months.map((m) => row(m.month, m))}</tbody></table></div>
<h2>${t('vat.byKind')}</h2>
<div class="scroll"><table data-testid="vat-kinds"><thead><tr><th></th>${KINDS.map((k) => html`<th class="num" colspan="3">${t(`vat.${k}`)}</th>`)}</tr></thead>
<tbody>${[...report.quarters.map((q) => ({ label: q.quarter, p: q as PeriodRow })), ...report.months.map((m) => ({ label: m.month, p: m as PeriodRow }))].map(
    ({ label, p }) => html`<tr><td>${label}</td>${KINDS.map((k) => html`<td class="num">${won(p.byKind[k].taxable)}</td><td class="num">${won(p.byKind[k].vat)}</td><td class="num">${won(p.byKind[k].taxFree)}</td>`)}</tr>`,
  )}</tbody></table></div>`;
}

/** The report as CSV: one row per month and quarter, 과세/부가세/면세 in total and per document kind. */
function vatCsv(ctx: DashboardContext, report: VatReport): string {
  const { t } = ctx;
  const header: CsvRow = ['', t('vat.taxable'), t('vat.vat'), t('vat.taxFree'), t('vat.total'), ...KINDS.flatMap((k) => [`${t(`vat.${k}`)} ${t('vat.taxable')}`, `${t(`vat.${k}`)} ${t('vat.vat')}`, `${t(`vat.${k}`)} ${t('vat.taxFree')}`])];
  const line = (label: string, p: PeriodRow): CsvRow => [label, p.taxable, p.vat, p.taxFree, p.total, ...KINDS.flatMap((k) => [p.byKind[k].taxable, p.byKind[k].vat, p.byKind[k].taxFree])];
  return formulaSafeCsv([[t('vat.title'), ctx.store.name, report.from, report.to], header, ...report.months.map((m) => line(m.month, m)), ...report.quarters.map((q) => line(q.quarter, q))]);
}
