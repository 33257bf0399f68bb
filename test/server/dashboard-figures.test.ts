import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloseoutReport } from '../../src/closeout/index.js';
import { PAY_METHODS, WALLETS } from '../../src/closeout/report-schema.js';
import type { SalesSummary } from '../../server/dashboard/sales-summary.js';
import type { VatReport } from '../../src/closeout/vat-report.js';
import { kst } from '../closeout/closing-till.js';
import { dashboardVisitor } from './dashboard-client.js';
import { type StoreWithTills, closeTillDay, ringUp, startStoreWithTills } from './store-with-tills.js';

const PASSWORD = 'owner passphrase 1';
let store: StoreWithTills;
let owner: ReturnType<typeof dashboardVisitor>;
const zs: CloseoutReport[] = [];

const json = async <T>(path: string): Promise<T> => {
  const res = await owner.get(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

beforeAll(async () => {
  // The business day of 31 January runs past midnight into 1 February: its VAT is filed in two months.
  store = await startStoreWithTills(['POS1', 'POS2'], kst('2026-01-31T20:00:00'));
  await store.dashboard.accounts.upsert({ login: 'kim', displayName: '김사장', role: 'owner', password: PASSWORD, storeIds: ['S1'] });
  owner = dashboardVisitor(store.running.url);
  expect((await owner.signIn('kim', PASSWORD)).status).toBe(303);
}, 90_000);

afterAll(async () => {
  await store?.close();
});

// Issue 18 point 5: today live per till, by hour, by method and wallet, top items; the VAT report by month and quarter.
describe('dashboard figures', () => {
  it('shows today live as the tills sync, then exactly the tills\' Zs, and VAT by month and quarter as the Zs file it', async () => {
    const [pos1, pos2] = store.tills as [StoreWithTills['tills'][0], StoreWithTills['tills'][0]];
    await ringUp(pos1, 2, 4_500);
    await ringUp(pos2, 3, 3_000);
    for (const till of store.tills) expect((await till.sync.drain()).failed).toBe(false);
    const live = await json<SalesSummary>('/dashboard/api/sales');
    expect(live.period).toEqual({ kind: 'day', first: '2026-01-31', last: '2026-01-31' });
    expect(live.tills.map((t) => [t.tillId, t.net, t.receipts])).toEqual([
      ['POS1', 2 * 4_500 + 2 * 2_000, 4],
      ['POS2', 3 * 3_000 + 3 * 2_000, 6],
    ]);
    expect(live.byMethod.cash).toBe(5 * 2_000);
    expect(live.byItem.top[0]).toEqual({ name: '김밥', quantity: 5, amount: 2 * 4_500 + 3 * 3_000 });

    store.setTime(kst('2026-02-01T01:00:00'));
    await ringUp(pos1, 1, 4_500);
    zs.push(await closeTillDay(pos1, '2026-01-31', { '1000': 6 }));
    zs.push(await closeTillDay(pos2, '2026-01-31', { '1000': 6 }));
    for (const till of store.tills) expect((await till.sync.drain()).failed).toBe(false);

    const day = await json<SalesSummary>('/dashboard/api/sales?date=2026-01-31');
    expect(day.tills.map((t) => t.net)).toEqual(zs.map((z) => z.net));
    expect(day.tills.map((t) => t.gross)).toEqual(zs.map((z) => z.gross.amount));
    for (const m of PAY_METHODS) expect(day.byMethod[m], m).toBe(zs.reduce((n, z) => n + z.byMethod[m].net, 0));
    for (const w of WALLETS) expect(day.byWallet[w], w).toBe(zs.reduce((n, z) => n + z.byWallet[w].net, 0));
    expect(day.byHour).toEqual(zs[0]!.byHour.map((h, i) => ({ hour: h.hour, count: h.count + zs[1]!.byHour[i]!.count, amount: h.amount + zs[1]!.byHour[i]!.amount })));
    expect(day.byItem.top.map((i) => i.name).sort()).toEqual(['김밥', '생수']);
    expect(day.byItem.top.reduce((n, i) => n + i.amount, 0)).toBe(zs.reduce((n, z) => n + z.byItem.top.reduce((s, i) => s + i.amount, 0), 0));
    // The week (Monday 26 January to Sunday 1 February) and the month hold the same single day.
    expect((await json<SalesSummary>('/dashboard/api/sales?period=week&date=2026-01-31')).period).toEqual({ kind: 'week', first: '2026-01-26', last: '2026-02-01' });
    expect((await json<SalesSummary>('/dashboard/api/sales?period=month&date=2026-01-31')).total.net).toBe(zs[0]!.net + zs[1]!.net);

    const vat = await json<VatReport>('/dashboard/api/vat?from=2026-01&to=2026-02');
    const filed = (month: string) => {
      const dates = zs.flatMap((z) => z.vat.byCalendarDate).filter((d) => d.date.startsWith(month));
      return { taxable: dates.reduce((n, d) => n + d.taxable, 0), vat: dates.reduce((n, d) => n + d.vat, 0), taxFree: dates.reduce((n, d) => n + d.taxFree, 0) };
    };
    expect(vat.months.map((m) => ({ taxable: m.taxable, vat: m.vat, taxFree: m.taxFree }))).toEqual([filed('2026-01'), filed('2026-02')]);
    expect(filed('2026-02').taxable).toBeGreaterThan(0); // the sale after midnight
    expect(vat.quarters).toHaveLength(1);
    expect(vat.quarters[0]!.total).toBe(zs[0]!.vat.total + zs[1]!.vat.total);
    // Wallet sales are 신용카드 등, cash without a 현금영수증 기타.
    expect(vat.quarters[0]!.byKind.card.taxable + vat.quarters[0]!.byKind.card.vat).toBe(zs.reduce((n, z) => n + z.byMethod.easyPay.net, 0));
    expect(vat.quarters[0]!.byKind.other.taxFree).toBe(zs.reduce((n, z) => n + z.byMethod.cash.net, 0));

    const csv = await (await owner.get('/dashboard/vat.csv?from=2026-01&to=2026-02')).text();
    expect(csv).toContain(`2026-Q1,${vat.quarters[0]!.taxable},${vat.quarters[0]!.vat},${vat.quarters[0]!.taxFree},${vat.quarters[0]!.total},`);
    const page = await (await owner.get('/dashboard/sales?date=2026-01-31')).text();
    expect(page).toContain('data-testid="chart"');
    expect(page).toContain('http-equiv="refresh"'); // 01:00 is still the business day of 31 January: live
    expect(await (await owner.get('/dashboard/sales?date=2026-01-30')).text()).not.toContain('http-equiv="refresh"');
  }, 120_000);
});
