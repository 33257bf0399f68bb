import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, openLedger } from '../../src/ledger/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

function storeWithRows(n: number) {
  const path = join(tempDir(), 'journal.db');
  const store = openLedger(path, { clock: new ManualClock() });
  for (let i = 1; i <= n; i++) {
    store.journal.append({ kind: 'sale.opened', aggregateId: `S${i}`, body: { total: 1000 * i }, sync: i % 2 === 0 });
  }
  return { path, store };
}

/** Closes the store, edits its file behind the app's back with `sql`, and reopens it. */
function tampered({ path, store }: ReturnType<typeof storeWithRows>, sql: string) {
  store.close();
  const intruder = new Database(path);
  intruder.exec(sql);
  intruder.close();
  return openLedger(path, { clock: new ManualClock() });
}

describe('journal connection', () => {
  it('runs WAL with synchronous=FULL and foreign keys on every connection', () => {
    const path = join(tempDir(), 'j.db');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // A bare better-sqlite3 connection to the same WAL file runs at NORMAL (1):
    // the reason openDatabase sets FULL explicitly.
    const bare = new Database(path);
    expect(bare.pragma('synchronous', { simple: true })).toBe(1);
    bare.close();
    db.close();
  });
});

describe('journal', () => {
  it('appends rows with a hash chain that verifies', () => {
    const { store } = storeWithRows(20);
    const result = store.journal.verify();
    expect(result).toMatchObject({ ok: true, rows: 20 });
    const second = store.journal.get(2)!;
    expect(second.prevHash).toBe(store.journal.get(1)!.hash);
    expect(second.body).toEqual({ total: 2000 });
    store.close();
  });

  it('names the row edited behind the app’s back', () => {
    const reopened = tampered(
      storeWithRows(10),
      `DROP TRIGGER journal_no_update; UPDATE journal SET body = '{"total":1}' WHERE seq = 7`,
    );
    const result = reopened.journal.verify();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.seq).toBe(7);
      expect(result.reason).toMatch(/row 7 .*record .*changed/);
      expect(result.reason).toContain(reopened.journal.get(7)!.recordId);
      expect(result.problems).toHaveLength(1);
    }
    reopened.close();
  });

  it('names a deleted row as missing', () => {
    const reopened = tampered(
      storeWithRows(5),
      'DROP TRIGGER journal_no_delete; PRAGMA foreign_keys=OFF; DELETE FROM outbox; DELETE FROM journal WHERE seq = 3',
    );
    expect(reopened.journal.verify()).toMatchObject({ ok: false, seq: 3, reason: 'row 3 is missing before row 4 (deleted)' });
    reopened.close();
  });

  it('refuses updates and deletes through SQL', () => {
    const { store } = storeWithRows(2);
    expect(() => store.db.prepare('UPDATE journal SET kind = ? WHERE seq = 1').run('x')).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM journal WHERE seq = 1').run()).toThrow(/append-only/);
    store.close();
  });

  it('rolls back all rows of a failed transaction and keeps the chain intact', () => {
    const { store } = storeWithRows(3);
    expect(() =>
      store.journal.atomically(() => {
        store.journal.append({ kind: 'a', aggregateId: 'X', body: {} });
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(store.journal.tail().seq).toBe(3);
    store.journal.append({ kind: 'b', aggregateId: 'Y', body: {} });
    expect(store.journal.verify()).toMatchObject({ ok: true, rows: 4 });
    store.close();
  });

  it('keeps one chain when two connections append to the same file', () => {
    const { path, store } = storeWithRows(2);
    const operator = openLedger(path, { clock: new ManualClock() });
    for (let i = 0; i < 5; i++) {
      store.journal.append({ kind: 'sale.opened', aggregateId: `A${i}`, body: { i } });
      operator.journal.append({ kind: 'cash.counted', aggregateId: `B${i}`, body: { i } });
    }
    expect(store.journal.verify()).toMatchObject({ ok: true, rows: 12 });
    expect(operator.journal.tail()).toEqual(store.journal.tail());
    operator.close();
    store.close();
  });

  it('verifies incrementally from a trusted row', () => {
    const { store } = storeWithRows(10);
    expect(store.journal.verify({ afterSeq: 6 })).toMatchObject({ ok: true, rows: 4 });
    store.close();
  });
});

describe('outbox', () => {
  it('queues synced rows in journal order and forgets them only on acknowledgement', () => {
    const { store } = storeWithRows(6);
    const batch = store.outbox.nextBatch(10);
    expect(batch.map((i) => i.record.seq)).toEqual([2, 4, 6]);
    expect(store.outbox.depth()).toBe(3);
    expect(store.outbox.acknowledge([2, 4, 4])).toBe(2);
    expect(store.outbox.depth()).toBe(1);
    expect(store.outbox.isAcknowledged(2)).toBe(true);
    store.outbox.recordFailure(6, 'timeout');
    expect(store.outbox.nextBatch(10)[0]).toMatchObject({ attempts: 1, lastError: 'timeout' });
    store.outbox.quarantine(6, 'gateway refused: INVALID_RECORD');
    expect(store.outbox.depth()).toBe(0);
    expect(store.outbox.quarantined()).toEqual([
      expect.objectContaining({ seq: 6, reason: 'gateway refused: INVALID_RECORD' }),
    ]);
    store.close();
  });
});
