import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Z_REPORT_KIND, signZBody } from '../../src/closeout/index.js';
import { canonicalJson, chainHash } from '../../src/ledger/index.js';
import { parseJsonObject } from '../../src/platform/stored-json.js';
import { generateTerminalKey, saveTerminalKey } from '../../src/relay/terminal-key.js';
import { terminalKeyPath } from '../../main/services/terminal-identity.js';
import { type ClosingTill, OWNER_PIN, kst, startClosingTill } from '../closeout/closing-till.js';
import { runPosCaptured } from '../helpers/run-pos.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';

const tempDir = useTempDir('pos-verify-z-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

interface Raw { seq: number; record_id: string; kind: string; aggregate_id: string; at: number; body: string; prev_hash: string; hash: string }

/** A till that sold twice, closed its day with a Z and sold again; its key is beside the journal. */
async function closedDay(): Promise<string> {
  const dir = tempDir();
  till = await startClosingTill(dir, kst('2026-03-10T09:00:00'));
  const { engine, closeout } = till;
  const sell = async (i: number) =>
    engine.payByCode(engine.openSale({ lines: [{ name: '우유', unitPrice: 4_500, quantity: 1, tax: 'taxable' }] }).saleId, walletCode(i));
  await sell(1);
  await sell(2);
  await closeout.z({ ownerPin: OWNER_PIN });
  saveTerminalKey(terminalKeyPath(dir), till.key);
  await till.close();
  till = undefined;
  return dir;
}

/** Recomputes every hash, so the local chain is whole again (what a careful forger does). */
function rehash(db: Database.Database): void {
  let prev = '0'.repeat(64);
  for (const row of db.prepare('SELECT * FROM journal ORDER BY seq').all() as Raw[]) {
    const hash = chainHash(prev, { seq: row.seq, recordId: row.record_id, kind: row.kind, aggregateId: row.aggregate_id, at: row.at, body: row.body });
    db.prepare('UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
    prev = hash;
  }
}

/** Rewrites the Z's body with `edit`, then rehashes the chain. */
function editZ(db: Database.Database, edit: (body: { report: { net: number; chainHead: Record<string, unknown> } }) => unknown): void {
  const row = db.prepare('SELECT seq, body FROM journal WHERE kind = ?').get(Z_REPORT_KIND) as { seq: number; body: string };
  const body = parseJsonObject(row.body, 'Z') as unknown as { report: { net: number; chainHead: Record<string, unknown> } };
  db.prepare('UPDATE journal SET body = ? WHERE seq = ?').run(canonicalJson(edit(body)), row.seq);
  rehash(db);
}

/** A copy of the data folder (journal and terminal key) edited by `attack`. */
function tampered(base: string, name: string, attack: (db: Database.Database) => void): string {
  const dir = join(base, name);
  mkdirSync(dir);
  copyFileSync(terminalKeyPath(base), terminalKeyPath(dir));
  const source = new Database(join(base, 'till.db'));
  source.pragma('wal_checkpoint(TRUNCATE)');
  source.close();
  copyFileSync(join(base, 'till.db'), join(dir, 'till.db'));
  const db = new Database(join(dir, 'till.db'));
  db.exec('DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;');
  attack(db);
  db.close();
  return join(dir, 'till.db');
}

describe('pos journal verify checks every Z against the terminal key (issue 14 point 5)', () => {
  it('passes the signed Z and refuses one edited, re-signed, unsigned or built on rewritten rows', { timeout: 90_000 }, async () => {
    const base = await closedDay();
    const clean = await runPosCaptured('journal', 'verify', '--db', tampered(base, 'clean', () => undefined));
    expect(clean.out).toMatch(/, 1 Zs/);
    expect(clean.out).toContain('journal intact');
    expect(clean.code).toBe(0);

    const cases: Array<[string, (db: Database.Database) => void, RegExp]> = [
      ['Z figures edited', (db) => editZ(db, (body) => ({ ...body, report: { ...body.report, net: body.report.net + 100_000 } })), /BROKEN forged-z: the Z of 2026-03-10 \(row \d+\) is refused: .*changed after it was signed/],
      [
        'Z re-signed by another key',
        (db) => editZ(db, (body) => signZBody(generateTerminalKey(), { ...body, report: { ...body.report, net: body.report.net + 100_000 } } as never)),
        /BROKEN forged-z: .*\(re-signed\)/,
      ],
      ['Z signature stripped', (db) => editZ(db, (body) => ({ ...body, report: { ...body.report, chainHead: { seq: body.report.chainHead.seq, hash: body.report.chainHead.hash } } })), /BROKEN forged-z: .*no terminal signature/],
      [
        'rows before the Z rewritten, Z kept',
        (db) => {
          db.prepare("UPDATE journal SET body = replace(body, '4500', '450') WHERE seq = (SELECT min(seq) FROM journal WHERE kind = 'tender.state')").run();
          rehash(db);
        },
        /BROKEN rewritten: the Z of 2026-03-10 signed head \d+:[0-9a-f]{12}, but row \d+ now hashes/,
      ],
    ];
    for (const [name, attack, expected] of cases) {
      const run = await runPosCaptured('journal', 'verify', '--db', tampered(base, name.replaceAll(' ', '-').replaceAll(',', ''), attack));
      expect(run.out, name).toMatch(expected);
      expect(run.code, name).toBe(1);
    }
  });
});
