import { PAY_METHODS } from '../../../src/closeout/report-schema.js';
import type { StoreCloseout, StoreCloseouts, TillFigures } from '../../store-closeout.js';
import { storeCloseoutCsv } from '../../store-closeout-csv.js';
import type { Dashboard, DashboardContext } from '../dashboard.js';
import { type Html, html } from '../html.js';
import { formatKst, formatWon } from '../i18n/index.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The business date a request names (`?date=` or the form's), else the store's current one. */
async function dateOf(ctx: DashboardContext, closeouts: StoreCloseouts, given: string | null): Promise<string> {
  return given && DATE.test(given) ? given : closeouts.businessDateOf(ctx.store.storeId, ctx.now);
}

/**
 * The store's 마감정산 on the dashboard (issue 18 point 4): each till's Z as
 * the till closed it, tills not closed named, the totals, by method, VAT;
 * the owner makes a new version and downloads it as CSV.
 */
export function registerCloseoutPage(dashboard: Dashboard, closeouts: StoreCloseouts): void {
  dashboard.page('/dashboard/closeout', 'nav.closeout', async (ctx) => {
    const date = await dateOf(ctx, closeouts, ctx.query.get('date'));
    const closeout = await closeouts.latest(ctx.store.storeId, date);
    return { kind: 'page', title: ctx.t('closeout.title'), body: closeoutBody(ctx, date, closeout) };
  });
  dashboard.post('/dashboard/closeout', async (ctx, form) => {
    const date = await dateOf(ctx, closeouts, form.get('date'));
    await closeouts.close(ctx.store.storeId, date);
    return { kind: 'redirect', to: ctx.href('/dashboard/closeout', { date }) };
  });
  dashboard.get('/dashboard/closeout.csv', async (ctx) => {
    const date = await dateOf(ctx, closeouts, ctx.query.get('date'));
    const closeout = await closeouts.latest(ctx.store.storeId, date);
    if (!closeout) return { kind: 'page', title: ctx.t('closeout.title'), body: html`<p class="notice">${ctx.t('closeout.none', { date })}</p>`, status: 404 };
    return { kind: 'csv', filename: `store-closeout-${closeout.storeId}-${date}-v${closeout.version}.csv`, text: storeCloseoutCsv(closeout) };
  });
}

function closeoutBody(ctx: DashboardContext, date: string, closeout: StoreCloseout | undefined): Html {
  const { t, lang } = ctx;
  const won = (n: number | null) => (n === null ? '—' : formatWon(n, lang));
  const toolbar = html`<div class="toolbar">
    <form method="get" action="/dashboard/closeout">
      <input type="hidden" name="store" value="${ctx.store.storeId}">
      <label for="date">${t('closeout.date')}</label>
      <input id="date" name="date" type="date" value="${date}">
      <button type="submit">${t('store.show')}</button>
    </form>
    <form method="post" action="${ctx.href('/dashboard/closeout')}">
      <input type="hidden" name="date" value="${date}">
      <button type="submit" class="primary">${t('closeout.make')}</button>
    </form>
    ${closeout ? html`<a href="${ctx.href('/dashboard/closeout.csv', { date })}" download>${t('csv.download')}</a>` : ''}
  </div>`;
  if (!closeout) return html`<h1>${t('closeout.title')} · ${ctx.store.name}</h1>${toolbar}<p class="notice">${t('closeout.none', { date })}</p>`;
  const row = (label: Html | string, f: TillFigures | null, cls = '') =>
    html`<tr class="${cls}"><td>${label}</td>${f
      ? html`<td class="num">${won(f.gross.amount)}</td><td class="num">${won(f.refunds.amount)}</td><td class="num">${won(f.net)}</td><td class="num">${f.receipts}</td>
        <td class="num">${won(f.cash.expected)}</td><td class="num">${won(f.cash.counted)}</td><td class="num ${f.cash.overShort ? 'bad' : ''}">${won(f.cash.overShort)}</td>`
      : html`<td colspan="7" class="muted">${t('closeout.open')}</td>`}</tr>`;
  const tills = closeout.tills.map((till) =>
    row(html`${till.tillId} <span class="${till.status === 'closed' ? 'ok' : 'warn'}">${t(`closeout.${till.status === 'not-closed' ? 'open' : till.status}`)}</span>${till.closedBy ? html` <span class="muted">${till.closedBy}</span>` : ''}`, till.figures),
  );
  const closed = closeout.tills.flatMap((till) => (till.figures ? [{ tillId: till.tillId, f: till.figures }] : []));
  const methodRows = PAY_METHODS.map(
    (m) => html`<tr><td>${t(`method.${m}`)}</td>${closed.map((c) => html`<td class="num">${won(c.f.byMethod[m])}</td>`)}<td class="num">${won(closeout.totals.byMethod[m])}</td></tr>`,
  );
  const vat = closeout.totals.vat;
  const merchant = closeout.merchant;
  const unmatched = merchant?.unmatched.map(
    (l) => html`<tr><td>${t(`closeout.unmatched.${l.kind}`)}</td><td>${l.terminalId}</td><td>${l.paymentId}</td><td class="num">${won(l.amount)}</td><td class="num">${won(l.net)}</td></tr>`,
  );
  const merchantBody = !merchant
    ? ''
    : merchant.status === 'unavailable'
      ? html`<p class="notice">${t('closeout.merchantUnavailable', { reason: merchant.reason ?? '' })}</p>`
      : html`<div class="scroll"><table><tbody>
<tr><td>${t('closeout.statementNet')}</td><td class="num">${won(merchant.net)}</td></tr>
<tr><td>${t('closeout.tillsNet')}</td><td class="num">${won(merchant.tillsNet)}</td></tr>
<tr class="total"><td>${t('closeout.netDifference')}</td><td class="num ${merchant.netDifference ? 'bad' : ''}">${won(merchant.netDifference)}</td></tr>
</tbody></table></div>
${unmatched?.length
  ? html`<div class="scroll"><table data-testid="closeout-unmatched"><thead><tr><th></th><th>${t('closeout.terminal')}</th><th>${t('closeout.approval')}</th><th class="num">${t('closeout.amount')}</th><th class="num">${t('closeout.lineNet')}</th></tr></thead><tbody>${unmatched}</tbody></table></div>`
  : html`<p class="ok">${t('closeout.allMatched')}</p>`}`;
  return html`<h1>${t('closeout.title')} · ${closeout.storeName}</h1>
${toolbar}
<p class="muted">${date} · ${t('closeout.version', { version: closeout.version, at: formatKst(closeout.generatedAt, lang) })}</p>
${closeout.notClosed.length > 0 ? html`<p class="notice" data-testid="not-closed">${t('closeout.notClosed', { tills: closeout.notClosed.join(', ') })}</p>` : ''}
${closeout.refused.length > 0 ? html`<p class="notice" data-testid="refused">${t('closeout.refusedNotice', { tills: closeout.refused.join(', ') })}</p>` : ''}
<div class="scroll"><table data-testid="closeout-tills">
<thead><tr><th>${t('closeout.till')}</th><th class="num">${t('closeout.gross')}</th><th class="num">${t('closeout.refunds')}</th><th class="num">${t('closeout.net')}</th><th class="num">${t('closeout.receipts')}</th><th class="num">${t('closeout.cashExpected')}</th><th class="num">${t('closeout.cashCounted')}</th><th class="num">${t('closeout.overShort')}</th></tr></thead>
<tbody>${tills}${row(t('closeout.total'), closeout.totals, 'total')}</tbody>
</table></div>
<div class="cards">
<section><h2>${t('closeout.byMethod')}</h2><div class="scroll"><table data-testid="closeout-methods">
<thead><tr><th></th>${closed.map((c) => html`<th class="num">${c.tillId}</th>`)}<th class="num">${t('closeout.total')}</th></tr></thead>
<tbody>${methodRows}</tbody></table></div></section>
<section><h2>${t('closeout.vat')}</h2><div class="scroll"><table data-testid="closeout-vat"><tbody>
<tr><td>${t('vat.taxable')}</td><td class="num">${won(vat.taxable)}</td></tr>
<tr><td>${t('vat.supply')}</td><td class="num">${won(vat.supply)}</td></tr>
<tr><td>${t('vat.vat')}</td><td class="num">${won(vat.vat)}</td></tr>
<tr><td>${t('vat.taxFree')}</td><td class="num">${won(vat.taxFree)}</td></tr>
</tbody></table></div></section>
</div>
${merchant ? html`<section data-testid="closeout-merchant"><h2>${t('closeout.merchant')}</h2>${merchantBody}</section>` : ''}`;
}
