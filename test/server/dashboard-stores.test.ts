import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoresSideBySide } from '../../server/dashboard/pages/stores-page.js';
import type { SalesSummary } from '../../server/dashboard/sales-summary.js';
import { kst } from '../closeout/closing-till.js';
import { dashboardVisitor } from './dashboard-client.js';
import { type StoreWithTills, ringUp, startStoreWithTills } from './store-with-tills.js';

const PASSWORD = 'hq passphrase 1';
let chain: StoreWithTills;

beforeAll(async () => {
  // Two stores of a chain on one server: S1 with two tills, S2 with one.
  chain = await startStoreWithTills(['POS1', 'POS2', 'POS3'], kst('2026-03-10T12:00:00'), { POS3: 'S2' });
  await chain.dashboard.accounts.upsert({ login: 'hq', displayName: '본사', role: 'hq', password: PASSWORD });
  await chain.dashboard.accounts.upsert({ login: 'lee', displayName: '이사장', role: 'owner', password: PASSWORD, storeIds: ['S2'] });
}, 90_000);

afterAll(async () => {
  await chain?.close();
});

// Issue 18 point 6: HQ sees every store side by side; an owner only theirs.
describe('stores side by side', () => {
  it('shows HQ each store\'s day with the figures of its own sales page, and an owner only their store', async () => {
    const [pos1, pos2, pos3] = chain.tills as [StoreWithTills['tills'][0], StoreWithTills['tills'][0], StoreWithTills['tills'][0]];
    await ringUp(pos1, 1, 4_500);
    await ringUp(pos2, 2, 3_000);
    await ringUp(pos3, 1, 8_000);
    for (const till of chain.tills) expect((await till.sync.drain()).failed).toBe(false);

    const hq = dashboardVisitor(chain.running.url);
    expect((await hq.signIn('hq', PASSWORD)).status).toBe(303);
    const view = (await (await hq.get('/dashboard/api/stores')).json()) as StoresSideBySide;
    expect(view.period).toEqual({ kind: 'day', first: '2026-03-10', last: '2026-03-10' });
    expect(view.stores.map((s) => [s.storeId, s.tills, s.net, s.receipts])).toEqual([
      ['S1', 2, 4_500 + 2_000 + 2 * (3_000 + 2_000), 6],
      ['S2', 1, 8_000 + 2_000, 2],
    ]);
    for (const store of view.stores) {
      const own = (await (await hq.get(`/dashboard/api/sales?store=${store.storeId}`)).json()) as SalesSummary;
      expect({ ...store, storeId: undefined, name: undefined, tills: undefined }).toEqual({ ...own.total, storeId: undefined, name: undefined, tills: undefined });
    }
    const page = await (await hq.get('/dashboard/stores?lang=ko')).text();
    expect(page).toContain('매장별 매출 비교');
    expect(page).toContain('data-testid="stores-side-by-side"');
    expect(page).toContain('한강분식');
    const csv = await (await hq.get('/dashboard/stores.csv')).text();
    expect(csv).toContain('S2,S2,1,10000,0,0,10000,2,5000');

    const owner = dashboardVisitor(chain.running.url);
    expect((await owner.signIn('lee', PASSWORD)).status).toBe(303);
    const theirs = (await (await owner.get('/dashboard/api/stores')).json()) as StoresSideBySide;
    expect(theirs.stores.map((s) => s.storeId)).toEqual(['S2']);
    expect((await owner.get('/dashboard/api/stores?store=S1')).status).toBe(403);
  }, 120_000);
});
