import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { recordHash } from '../../src/ledger/chain-head.js';
import { GENESIS_HASH } from '../../src/ledger/hash-chain.js';
import { ManualClock } from '../../src/platform/clock.js';
import { AppendGroups, type CheckedRecord } from '../../server/append-groups.js';
import type { StoreDatabase } from '../../server/db/database.js';
import { upsertStore } from '../../server/stores.js';
import { ENGINES } from './test-databases.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A till's chain of `n` records from `prev`, hashed with the ledger's own definition. */
function chain(tillId: string, from: number, n: number, prev = GENESIS_HASH): CheckedRecord[] {
  let prevHash = prev;
  return Array.from({ length: n }, (_, i) => {
    const record = { seq: from + i, recordId: crypto.randomUUID(), kind: 'test.sale', aggregateId: `${tillId}-${from + i}`, at: 1_000 + i, body: { amount: 100 * (i + 1) } };
    const hash = recordHash(prevHash, { ...record, body: JSON.parse(canonicalJson(record.body)) as Record<string, unknown> });
    const stored = { ...record, prevHash, hash, canonicalBody: canonicalJson(record.body) };
    prevHash = hash;
    return stored;
  });
}

/** Counts the group statements sent to `db`. */
function counting(db: StoreDatabase): { db: StoreDatabase; statements(): number } {
  let statements = 0;
  return {
    db: { ...db, query: (text, params) => ((statements += text.includes('INSERT INTO journal_records') ? 1 : 0), db.query(text, params)) },
    statements: () => statements,
  };
}

// Issue 18's ingest figure: uploads that arrive together share one statement and one commit,
// and each keeps its own conditions (its nonce, its till's head), decided by the database.
describe.each(ENGINES)('append groups on %s', (_name, open) => {
  let db: StoreDatabase;
  beforeAll(async () => {
    const fresh = await open();
    cleanups.push(fresh.dispose);
    db = fresh.db;
  }, 60_000);

  it('stores many tills\' uploads arriving at once in fewer statements, each exactly once', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 1));
    await upsertStore(db, clock, { storeId: 'S1', name: 'store', enrollmentCode: 'CODE-S1' });
    const tills = Array.from({ length: 40 }, (_, i) => ({ tillId: `T${String(i).padStart(2, '0')}`, storeId: 'S1' }));
    for (const t of tills) await db.query("INSERT INTO tills (till_id, store_id, public_key, registered_at) VALUES ($1, 'S1', 'k', 0)", [t.tillId]);
    const counted = counting(db);
    const groups = new AppendGroups(counted.db, clock);
    const chains = tills.map((t) => chain(t.tillId, 1, 10));

    // Each till's batch twice at once (a retry racing the first): stored once, the second finds the head moved.
    const results = await Promise.all(
      tills.flatMap((till, i) => [0, 1].map((copy) => groups.append({ till, chain: chains[i]!, nonce: { tillId: till.tillId, nonce: `n${i}-${copy}`, expiresAt: 9e12 } }))),
    );
    expect(results.filter((r) => r.moved && r.stored === 10)).toHaveLength(40);
    expect(results.filter((r) => !r.moved && r.stored === 0 && r.nonceOk)).toHaveLength(40);
    expect(counted.statements()).toBeLessThan(40);

    // A replayed nonce stores nothing, while the group's other upload is stored.
    const next = chain('T00', 11, 5, chains[0]![9]!.hash);
    const [replayed, other] = await Promise.all([
      groups.append({ till: tills[0]!, chain: next, nonce: { tillId: 'T00', nonce: 'n0-0', expiresAt: 9e12 } }),
      groups.append({ till: tills[1]!, chain: chain('T01', 11, 5, chains[1]![9]!.hash), nonce: { tillId: 'T01', nonce: 'fresh', expiresAt: 9e12 } }),
    ]);
    expect(replayed).toEqual({ nonceOk: false, moved: false, stored: 0 });
    expect(other).toEqual({ nonceOk: true, moved: true, stored: 5 });

    const { rows } = await db.query<{ n: string; ids: string }>("SELECT count(*) AS n, count(DISTINCT record_id) AS ids FROM journal_records WHERE store_id = 'S1'");
    expect([Number(rows[0]!.n), Number(rows[0]!.ids)]).toEqual([405, 405]);
  }, 60_000);

  it('fails only the upload whose record the database refuses, not the others of its group', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 1));
    await upsertStore(db, clock, { storeId: 'S2', name: 'store', enrollmentCode: 'CODE-S2' });
    const tills = ['A', 'B', 'C'].map((tillId) => ({ tillId, storeId: 'S2' }));
    for (const t of tills) await db.query("INSERT INTO tills (till_id, store_id, public_key, registered_at) VALUES ($1, 'S2', 'k', 0)", [t.tillId]);
    const groups = new AppendGroups(db, clock);
    const a = chain('A', 1, 3);
    await groups.append({ till: tills[0]!, chain: a });
    // B reuses a record id A already stored: the store's key (store_id, record_id) refuses it.
    const b = chain('B', 1, 3);
    const forged = [{ ...b[0]!, recordId: a[0]!.recordId }];
    const outcomes = await Promise.allSettled([
      groups.append({ till: tills[1]!, chain: forged }),
      groups.append({ till: tills[2]!, chain: chain('C', 1, 4) }),
    ]);
    expect(outcomes[0]!.status).toBe('rejected');
    expect(outcomes[1]).toEqual({ status: 'fulfilled', value: { nonceOk: true, moved: true, stored: 4 } });
    const heads = await db.query<{ till_id: string; head_seq: string }>("SELECT till_id, head_seq FROM tills WHERE store_id = 'S2' ORDER BY till_id");
    expect(heads.rows.map((r) => [r.till_id, Number(r.head_seq)])).toEqual([['A', 3], ['B', 0], ['C', 4]]);
  }, 60_000);
});
