import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.js';
import {
  AppliedStoreVersion,
  STORE_DATA_APPLIED_KIND,
  type StoreItem,
} from '../../src/store/index.js';
import { StoreServer } from '../../server/store-server.js';
import { upsertStore } from '../../server/stores.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../payments/harness.js';
import { startFollowingTill } from './following-till.js';
import { freshPglite } from './test-databases.js';

const tempDir = useTempDir('pos-till-store-data-');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
let database: Awaited<ReturnType<typeof freshPglite>> | undefined;
afterAll(() => database?.dispose());
let stores = 0;

const AMERICANO = '8801043012348';
const americano = (price: number): StoreItem => ({
  id: 'AME',
  name: '아메리카노',
  price,
  tax: 'taxable',
  category: '커피',
  barcodes: [AMERICANO],
  active: true,
});
const details = {
  name: '한강카페',
  businessNumber: '124-81-00998',
  representative: '김한강',
  address: '서울 마포구',
  phone: '02-123-4567',
};

/** A store server on PGlite (one database for the file, a store per test) and a till following it (following-till.ts). */
async function storeAndTill() {
  const clock = systemClock;
  database ??= await freshPglite();
  const { db } = database;
  const storeId = `S${++stores}`;
  await upsertStore(db, clock, { storeId, name: '한강카페', enrollmentCode: `CODE-${storeId}` });
  const store = new StoreServer({ db, clock });
  let running = await store.listen(0);
  cleanups.push(() => running.close());

  const till = await startFollowingTill({
    url: running.url,
    tillId: `${storeId}-T01`,
    enrollmentCode: `CODE-${storeId}`,
    dir: tempDir(),
    cleanups,
  });
  return {
    /** Publishes an edit of this test's store. */
    publish: (edit: Parameters<StoreServer['data']['publish']>[1]) =>
      store.data.publish(storeId, edit, `owner@${storeId}`),
    ...till,
    /** Takes the server away (the till is offline) and brings it back on the same port. */
    async outage(during: () => Promise<void>) {
      const { port } = running;
      await running.close();
      await during();
      running = await store.listen(port);
    },
  };
}

describe("a till follows its store's data", () => {
  it('applies the catalog, staff, store details and device settings; a new price waits for the sale in progress to end', async () => {
    const t = await storeAndTill();
    await t.publish({
      items: [americano(4_500)],
      quickKeys: { tabs: [{ name: '커피', itemIds: ['AME'] }] },
      staff: [
        { staffId: 'owner', name: '사장', role: 'owner', pin: '246810' },
        { staffId: 'c1', name: '알바', role: 'cashier', pin: '1357' },
      ],
      store: details,
      devices: { language: 'en', printerProfile: 'korean-58' },
    });
    await waitFor(() => t.follower.status().applied === 1, 20_000);
    expect(t.catalog.byBarcode(AMERICANO)?.price).toBe(4_500);
    expect(t.catalog.quickKeys().tabs).toEqual([{ name: '커피', itemIds: ['AME'] }]);
    expect(t.staff.view().staff.map((s) => s.staffId)).toEqual(['owner', 'c1']);
    expect((await t.staff.findByPin('1357'))?.name).toBe('알바');
    expect(t.staff.defaultPinInUse()).toBe(false);
    expect(t.settings.get()).toMatchObject({ store: details, language: 'en' });
    expect(t.devicePreferences.get().printerProfile).toBe('korean-58');

    // A sale is in progress: the new price arrives and waits.
    await t.scan(AMERICANO);
    expect(t.checkout.state().lines.map((l) => l.unitPrice)).toEqual([4_500]);
    await t.publish({ items: [americano(5_000)] });
    await waitFor(() => t.follower.status().pending === 2, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(t.follower.status().applied).toBe(1);
    expect(t.catalog.byBarcode(AMERICANO)?.price).toBe(4_500);
    expect(t.checkout.state().lines.map((l) => l.unitPrice)).toEqual([4_500]);

    // The sale ends at the price it was rung up at; the version goes in right after.
    await t.checkout.cash(10_000);
    expect(t.checkout.state().lastReceipt).not.toBeNull();
    await waitFor(() => t.follower.status().applied === 2, 20_000);
    expect(t.catalog.byBarcode(AMERICANO)?.price).toBe(5_000);
    await t.scan(AMERICANO);
    expect(t.checkout.state().lines.map((l) => l.unitPrice)).toEqual([5_000]);
    // The price change is journaled as the store's version made it, and so is the applied version.
    const changed = t.ledger.journal.latestOfKind('catalog.price-changed');
    expect(changed?.body).toMatchObject({ oldPrice: 4_500, newPrice: 5_000, by: 'store v2' });
    expect(t.ledger.journal.latestOfKind(STORE_DATA_APPLIED_KIND)?.body).toMatchObject({
      version: 2,
      items: 1,
    });
  }, 90_000);

  it('an offline till catches up with every version it missed when the server is back, and keeps its version across a restart', async () => {
    const t = await storeAndTill();
    await t.publish({ items: [americano(4_500)] });
    await waitFor(() => t.follower.status().applied === 1, 20_000);
    await t.outage(async () => {
      await t.publish({ items: [americano(4_800)] });
      await t.publish({
        items: [{ ...americano(4_800), id: 'LAT', name: '라떼', barcodes: [] }],
        store: details,
      });
      await waitFor(() => t.follower.status().lastError !== null, 20_000);
      expect(t.catalog.byBarcode(AMERICANO)?.price).toBe(4_500);
    });
    await waitFor(() => t.follower.status().applied === 3, 20_000);
    expect(t.catalog.byBarcode(AMERICANO)?.price).toBe(4_800);
    expect(t.catalog.get('LAT')?.name).toBe('라떼');
    expect(t.settings.get().store.name).toBe('한강카페');
    expect(new AppliedStoreVersion(t.ledger.db, t.ledger.journal).version()).toBe(3);
  }, 90_000);
});
