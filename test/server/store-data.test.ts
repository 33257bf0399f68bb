import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { StaffList } from '../../src/payments/roles.js';
import { StoreLink } from '../../src/store/store-link.js';
import type { StoreItem } from '../../src/store/store-data-protocol.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import type { StoreDatabase } from '../../server/db/database.js';
import { type RunningStoreServer, StoreServer } from '../../server/store-server.js';
import { upsertStore } from '../../server/stores.js';
import { ENGINES } from './test-databases.js';

const item = (
  id: string,
  price: number,
  barcodes: string[] = [],
  extra: Partial<StoreItem> = {},
): StoreItem => ({
  id,
  name: `상품 ${id}`,
  price,
  tax: 'taxable',
  category: '음료',
  barcodes,
  active: true,
  ...extra,
});

const OWNER = { staffId: 'owner', name: '사장', role: 'owner' as const, pin: '246810' };

// The store's data managed once (issue 18 Deliver 3), on both engines: every
// edit a version, a till at version N sent only what changed after N, the
// till's own rules (one barcode per item, an owner always, an owner's PIN of
// six digits, quick keys naming items) checked before a version exists.
describe.each(ENGINES)('store data on %s', (_name, open) => {
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 1, 0, 0));
  let db: StoreDatabase;
  let dispose: () => Promise<void>;
  let store: StoreServer;
  let server: RunningStoreServer;
  let till: StoreLink;

  beforeAll(async () => {
    ({ db, dispose } = await open());
    await upsertStore(db, clock, { storeId: 'S1', name: '한강분식', enrollmentCode: 'CODE-S1' });
    await upsertStore(db, clock, { storeId: 'S2', name: '다른 가게', enrollmentCode: 'CODE-S2' });
    store = new StoreServer({ db, clock });
    server = await store.listen(0);
    till = new StoreLink({
      baseUrl: server.url,
      tillId: 'S1-T1',
      privateKey: generateTerminalKey(),
      clock,
    });
    await till.register('CODE-S1');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await dispose?.();
  });

  it('numbers versions and sends a till only what changed after the version it holds', async () => {
    expect((await till.storeData(0)).changes).toEqual({ since: 0, version: 0, items: [] });
    const v1 = await store.data.publish(
      'S1',
      { items: [item('A', 1500, ['8801043012348']), item('B', 2000)], store: storeDetails },
      'owner@S1',
    );
    const v2 = await store.data.publish('S1', { items: [item('B', 2500)] }, 'owner@S1');
    expect([v1.version, v2.version]).toEqual([1, 2]);

    const all = (await till.storeData(0)).changes;
    expect(all.version).toBe(2);
    expect(all.items.map((i) => [i.id, i.price])).toEqual([
      ['A', 1500],
      ['B', 2500],
    ]);
    expect(all.store?.name).toBe('한강분식 본점');
    const after1 = (await till.storeData(1)).changes;
    expect(after1).toEqual({ since: 1, version: 2, items: [item('B', 2500)] });
    expect((await till.storeData(2)).changes).toEqual({ since: 2, version: 2, items: [] });
    // An item sent again unchanged keeps its version: nobody is sent it again.
    await store.data.publish(
      'S1',
      { items: [item('A', 1500, ['8801043012348'])], devices: { language: 'en' } },
      'owner@S1',
    );
    expect((await till.storeData(2)).changes).toEqual({
      since: 2,
      version: 3,
      items: [],
      devices: { language: 'en' },
    });
    // A till that says it holds a version the server never made (a restored server) gets everything.
    expect((await till.storeData(99)).changes).toMatchObject({ since: 0, version: 3 });
    const { rows } = await db.query<{ data_version: number }>(
      "SELECT data_version FROM tills WHERE till_id = 'S1-T1'",
    );
    expect(rows[0]!.data_version).toBe(99);
  });

  it("refuses what a till's catalog or staff list would refuse, and makes no version of it", async () => {
    const before = await store.data.head('S1');
    await expect(
      store.data.publish('S1', { items: [item('C', 900, ['8801043012348'])] }, 'o'),
    ).rejects.toThrow(/barcode 8801043012348 is already on item A/);
    await expect(
      store.data.publish('S1', { items: [item('D', 900, ['99']), item('E', 900, ['99'])] }, 'o'),
    ).rejects.toThrow(/99/);
    await expect(
      store.data.publish('S1', { items: [item('F', 900, ['8801043012349'])] }, 'o'),
    ).rejects.toThrow(/check digit/);
    await expect(
      store.data.publish(
        'S1',
        { quickKeys: { tabs: [{ name: '음료', itemIds: ['A', 'NOPE'] }] } },
        'o',
      ),
    ).rejects.toThrow(/NOPE/);
    await expect(
      store.data.publish(
        'S1',
        { staff: [{ staffId: 'c1', name: '알바', role: 'cashier', pin: '1111' }] },
        'o',
      ),
    ).rejects.toThrow(/owner/);
    await expect(
      store.data.publish('S1', { staff: [{ ...OWNER, pin: '1234' }] }, 'o'),
    ).rejects.toThrow(/six|6 digits/);
    await expect(
      store.data.publish('S1', { staff: [{ ...OWNER, pin: undefined }] }, 'o'),
    ).rejects.toThrow(/needs a PIN/);
    expect(await store.data.head('S1')).toBe(before);
    // A barcode moving from one item to another in one version is fine.
    await store.data.publish(
      'S1',
      { items: [item('A', 1500, []), item('C', 900, ['8801043012348'])] },
      'o',
    );
    expect(await store.data.head('S1')).toBe(before + 1);
  });

  it('keeps PINs as hashes, and a PIN left out as it was', async () => {
    await store.data.publish(
      'S1',
      { staff: [OWNER, { staffId: 'c1', name: '알바', role: 'cashier', pin: '1111' }] },
      'o',
    );
    const first = (await till.storeData(0)).changes.staff!;
    expect(JSON.stringify(first)).not.toContain('246810');
    await store.data.publish(
      'S1',
      {
        staff: [
          { ...OWNER, pin: undefined },
          { staffId: 'c1', name: '알바생', role: 'manager' },
        ],
      },
      'o',
    );
    const staff = (await till.storeData(0)).changes.staff!;
    expect(staff.map((s) => [s.staffId, s.name, s.role])).toEqual([
      ['owner', '사장', 'owner'],
      ['c1', '알바생', 'manager'],
    ]);
    const list = new StaffList(staff);
    expect((await list.findByPin('246810'))?.staffId).toBe('owner');
    expect((await list.findByPin('1111'))?.role).toBe('manager');
  });

  it('holds a long poll until a version is published, and shows a till only its own store', async () => {
    const since = await store.data.head('S1');
    const asked = till.storeData(since, 10_000);
    await new Promise((r) => setTimeout(r, 200));
    await store.data.publish('S1', { items: [item('G', 3000)] }, 'o');
    const { changes } = await asked;
    expect(changes.version).toBe(since + 1);
    expect(changes.items.map((i) => i.id)).toEqual(['G']);

    const other = new StoreLink({
      baseUrl: server.url,
      tillId: 'S2-T1',
      privateKey: generateTerminalKey(),
      clock,
    });
    await other.register('CODE-S2');
    expect((await other.storeData(0)).changes).toEqual({ since: 0, version: 0, items: [] });
    // Nothing new: the poll ends after its wait with the same version.
    expect((await till.storeData(since + 1, 300)).changes.version).toBe(since + 1);
  });

  it('builds one answer for all the tills a publication wakes at once', async () => {
    const tills = await Promise.all(
      [2, 3, 4, 5, 6].map(async (n) => {
        const link = new StoreLink({ baseUrl: server.url, tillId: `S1-T${n}`, privateKey: generateTerminalKey(), clock });
        await link.register('CODE-S1');
        return link;
      }),
    );
    const since = await store.data.head('S1');
    const asked = tills.map((link) => link.storeData(since, 10_000));
    await new Promise((r) => setTimeout(r, 300));
    // A 50,000-item catalog's answer costs about a second of reading, parsing and gzip: a hundred tills
    // woken together must not each build it (the bench's 100 tills waited 35 s for 100 copies).
    const read = vi.spyOn(store.data, 'changes');
    await store.data.publish('S1', { items: [item('H', 3500)] }, 'o');
    const answers = await Promise.all(asked);
    const reads = read.mock.calls.length;
    read.mockRestore();
    expect(answers.map((a) => a.changes.items.map((i) => i.id))).toEqual(tills.map(() => ['H']));
    expect(reads).toBe(1);
  });
});

const storeDetails = {
  name: '한강분식 본점',
  businessNumber: '124-81-00998',
  representative: '김한강',
  address: '서울 마포구',
  phone: '02-123-4567',
};
