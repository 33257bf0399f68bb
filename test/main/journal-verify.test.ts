import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, recordHash } from '../../src/ledger/index.js';
import { fileGatewayPin, GATEWAY_KEY_FILE } from '../../src/relay/gateway-key-file.js';
import { PAYMENT_TABLES } from '../../src/payments/migrations.js';
import { runPosCaptured } from '../helpers/run-pos.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { openTill, startGateway, waitFor } from '../payments/harness.js';

const tempDir = useTempDir();
// The attacker edits the owner's table; tests name it through the owner's list (test/architecture/payment-tables.test.ts).
const TENDERS = PAYMENT_TABLES[2];
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Raw { seq: number; record_id: string; kind: string; aggregate_id: string; at: number; body: string; prev_hash: string; hash: string }

/** A till that sold three 4,500-won cash sales, synced them (anchored) and was stopped. */
async function journalWithSales(): Promise<{ dir: string; db: string; saleIds: string[] }> {
  const dir = tempDir();
  const { sandbox, client } = await startGateway(dir);
  fileGatewayPin(join(dir, GATEWAY_KEY_FILE)).pin(sandbox.publicKey());
  const { engine, ledger } = openTill(dir, client());
  engine.start();
  const saleIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const sale = engine.openSale({ lines: [{ name: `Coffee ${i}`, unitPrice: 4_500, quantity: 1, tax: 'taxable' }] });
    await engine.takeCash(sale.saleId, 5_000);
    saleIds.push(sale.saleId);
  }
  await waitFor(() => engine.sync.status().depth === 0, 15_000);
  await engine.stop();
  ledger.close();
  await sandbox.close();
  return { dir, db: join(dir, 'till.db'), saleIds };
}

/** A copy of the journal (with the pinned key beside it) edited by `attack` the way someone at the till could. */
function tampered(base: { dir: string; db: string }, name: string, attack: (db: Database.Database) => void): string {
  const dir = join(base.dir, name);
  mkdirSync(dir);
  copyFileSync(join(base.dir, GATEWAY_KEY_FILE), join(dir, GATEWAY_KEY_FILE));
  const path = join(dir, 'till.db');
  const source = new Database(base.db);
  source.pragma('wal_checkpoint(TRUNCATE)');
  source.close();
  copyFileSync(base.db, path);
  const db = new Database(path);
  db.pragma('foreign_keys = OFF');
  db.exec('DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;');
  attack(db);
  db.close();
  return path;
}

/** Recomputes every hash from `fromSeq` on, so the local chain is whole again (what a careful forger does). */
function rehash(db: Database.Database, fromSeq = 1): void {
  const rows = db.prepare('SELECT * FROM journal ORDER BY seq').all() as Raw[];
  let prev = '0'.repeat(64);
  for (const row of rows) {
    if (row.seq >= fromSeq) {
      const hash = chainHash(prev, { seq: row.seq, recordId: row.record_id, kind: row.kind, aggregateId: row.aggregate_id, at: row.at, body: row.body });
      db.prepare('UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
      prev = hash;
    } else prev = row.hash;
  }
}

function verify(path: string) {
  return runPosCaptured('journal', 'verify', '--db', path);
}

describe('pos journal verify (issue 14 point 5)', () => {
  it('passes an untouched journal and names the anchored head', { timeout: 60_000 }, async () => {
    const base = await journalWithSales();
    const run = await verify(tampered(base, 'clean', () => undefined));
    expect(run.out).toMatch(/anchored at row \d+/);
    expect(run.out).toContain('journal intact');
    expect(run.code).toBe(0);
  });

  it('names each tampering case, one journal each', { timeout: 90_000 }, async () => {
    const base = await journalWithSales();
    const cases: Array<[string, (db: Database.Database) => void, RegExp]> = [
      ['edited row', (db) => db.prepare("UPDATE journal SET body = replace(body, '4500', '450') WHERE seq = (SELECT min(seq) FROM journal WHERE kind = 'tender.state')").run(), /BROKEN edited: row \d+ \(tender\.state/],
      ['deleted row', (db) => db.prepare('DELETE FROM journal WHERE seq = 3').run(), /BROKEN missing: row 3 is missing before row 4/],
      ['reordered rows', (db) => {
        const [a, b] = db.prepare('SELECT * FROM journal WHERE seq IN (2, 3) ORDER BY seq').all() as Raw[];
        const swap = db.prepare('UPDATE journal SET record_id = ?, kind = ?, aggregate_id = ?, at = ?, body = ?, prev_hash = ?, hash = ? WHERE seq = ?');
        db.prepare("UPDATE journal SET record_id = 'tmp' WHERE seq = 2").run();
        swap.run(a!.record_id, a!.kind, a!.aggregate_id, a!.at, a!.body, a!.prev_hash, a!.hash, 3);
        swap.run(b!.record_id, b!.kind, b!.aggregate_id, b!.at, b!.body, b!.prev_hash, b!.hash, 2);
      }, /BROKEN (broken-link|edited): row 2 /],
      ['inserted row', (db) => {
        const max = (db.prepare('SELECT max(seq) AS n FROM journal').get() as { n: number }).n;
        for (let seq = max; seq >= 3; seq--) db.prepare('UPDATE journal SET seq = ? WHERE seq = ?').run(seq + 1, seq);
        const prev = (db.prepare('SELECT hash FROM journal WHERE seq = 2').get() as { hash: string }).hash;
        const forged = { seq: 3, recordId: 'forged-1', kind: 'cash.movement', aggregateId: 'D1', at: Date.now(), body: { amount: -50_000 } };
        db.prepare('INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(3, forged.recordId, forged.kind, forged.aggregateId, forged.at, canonicalJson(forged.body), prev, recordHash(prev, forged));
      }, /BROKEN broken-link: row 4 /],
      ['tail truncation', (db) => db.prepare('DELETE FROM journal WHERE seq > 4').run(), /BROKEN truncated: the gateway acknowledged row \d+ but the journal ends at row 4/],
      ['edit then rehash', (db) => {
        db.prepare("UPDATE journal SET body = replace(body, '4500', '450') WHERE seq = (SELECT min(seq) FROM journal WHERE kind = 'tender.state')").run();
        rehash(db);
      }, /BROKEN rewritten: row \d+ differs from the head the gateway acknowledged/],
      ['whole sale deleted and renumbered', (db) => {
        const sale = base.saleIds[1]!;
        db.prepare('DELETE FROM journal WHERE aggregate_id = ? OR body LIKE ?').run(sale, `%${sale}%`);
        const rows = db.prepare('SELECT seq FROM journal ORDER BY seq').all() as Array<{ seq: number }>;
        rows.forEach((row, i) => db.prepare('UPDATE journal SET seq = ? WHERE seq = ?').run(i + 1, row.seq));
        rehash(db);
      }, /BROKEN (rewritten|truncated): /],
      ['forged rows appended', (db) => {
        const tail = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
        const sale = base.saleIds[0]!;
        const forged = { seq: tail.seq + 1, recordId: 'forged-2', kind: 'refund.state', aggregateId: sale, at: Date.now(), body: { refundId: 'R-forged', saleId: sale, to: 'approved', amount: 4_500 } };
        db.prepare('INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(forged.seq, forged.recordId, forged.kind, forged.aggregateId, forged.at, canonicalJson(forged.body), tail.hash, recordHash(tail.hash, forged));
      }, /BROKEN projection: row 11 \(refund\.state\) does not apply/],
      ['edited tender amount', (db) => db.prepare(`UPDATE ${TENDERS} SET amount = 450000 WHERE rowid = (SELECT min(rowid) FROM ${TENDERS})`).run(), new RegExp(`BROKEN projection: ${TENDERS} \\S+: amount is 450000, the journal says 4500`)],
    ];
    for (const [name, attack, expected] of cases) {
      const run = await verify(tampered(base, name.replaceAll(' ', '-'), attack));
      expect(run.code, name).toBe(1);
      expect(run.out, name).toMatch(expected);
    }
  });
});

describe('pos journal rebuild (a till held by a projection drift gets its tables back from the journal)', () => {
  const SALES = PAYMENT_TABLES[1];
  const amountOf = (path: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return (db.prepare(`SELECT amount FROM ${TENDERS} WHERE rowid = (SELECT min(rowid) FROM ${TENDERS})`).get() as { amount: number }).amount;
    } finally {
      db.close();
    }
  };

  it('rebuilds edited, forged and deleted projection rows from an intact journal, and verify then passes', { timeout: 60_000 }, async () => {
    const base = await journalWithSales();
    const path = tampered(base, 'drifted', (db) => {
      db.prepare(`UPDATE ${TENDERS} SET amount = 450000 WHERE rowid = (SELECT min(rowid) FROM ${TENDERS})`).run();
      db.prepare(`INSERT INTO ${TENDERS} (tender_id, sale_id, method, state, currency, amount, created_at, updated_at, state_seq) SELECT 'T-FORGED', sale_id, method, state, currency, 450000, created_at, updated_at, state_seq FROM ${TENDERS} LIMIT 1`).run();
      db.prepare(`DELETE FROM ${SALES} WHERE sale_id = ?`).run(base.saleIds[2]);
    });
    expect((await verify(path)).code).toBe(1);
    const run = await runPosCaptured('journal', 'rebuild', '--db', path);
    expect(run.out).toMatch(/amount is 450000, the journal says 4500/); // what it repaired, for the owner's records
    expect(run.out).toMatch(/rebuilt the payment tables from \d+ journal rows/);
    expect(run.code).toBe(0);
    expect(amountOf(path)).toBe(4_500);
    const after = await verify(path);
    expect(after.out).toContain('journal intact');
    expect(after.code).toBe(0);
  });

  it('refuses when the journal itself is broken, and leaves the tables as they are', { timeout: 60_000 }, async () => {
    const base = await journalWithSales();
    const path = tampered(base, 'broken-chain', (db) => {
      db.prepare(`UPDATE ${TENDERS} SET amount = 450000 WHERE rowid = (SELECT min(rowid) FROM ${TENDERS})`).run();
      db.prepare("UPDATE journal SET body = replace(body, '4500', '450') WHERE seq = (SELECT min(seq) FROM journal WHERE kind = 'tender.state')").run();
    });
    const run = await runPosCaptured('journal', 'rebuild', '--db', path);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/the journal itself is broken.*nothing was rebuilt/);
    expect(amountOf(path)).toBe(450_000);
  });
});
