import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formulaSafeCsv } from '../../src/closeout/csv.js';
import { signZBody, verifyZBody } from '../../src/closeout/z-signature.js';
import { benchZReport } from '../lib/store-z.js';
import { auditChain, canonicalJson, chainHash, openLedger, saveAnchor } from '../../src/ledger/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { memoryPin } from '../../src/relay/gateway-key.js';
import { anchorCheck, signJournalHead } from '../../src/relay/journal-head.js';

/**
 * Attacks on the journal and the close-out export (issue 14 points 5 and 6),
 * for the reliability run's `attacks` check: every way of editing, deleting,
 * truncating or rehashing an 8-row anchored journal must be named by
 * auditChain (accepted = the audit found nothing), and every formula-looking
 * cell must leave formulaSafeCsv as text.
 */
type Tally = Record<string, { tried: number; accepted: number }>;

const ROWS = 8;

/** Edits a fresh anchored journal with `attack`, then audits it; true when the audit saw nothing. */
function undetected(dir: string, name: string, attack: (db: ReturnType<typeof openLedger>['db']) => void): boolean {
  const key = generateKeyPairSync('ed25519').privateKey;
  const store = openLedger(join(dir, `${name}.db`), { clock: new ManualClock() });
  try {
    for (let i = 0; i < ROWS; i++) store.journal.append({ kind: 'tender.state', aggregateId: `P${i}`, body: { amount: 4_500 + i } });
    saveAnchor(store.db, signJournalHead(key, 'T01', store.journal.get(ROWS)!, Date.now()));
    store.db.exec('DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;');
    attack(store.db);
    return auditChain(store.db, { checkAnchor: anchorCheck(memoryPin(key)) }).problems.length === 0;
  } finally {
    store.close();
  }
}

function rehash(db: ReturnType<typeof openLedger>['db']): void {
  type Raw = { seq: number; record_id: string; kind: string; aggregate_id: string; at: number; body: string };
  let prev = '0'.repeat(64);
  for (const row of db.prepare('SELECT * FROM journal ORDER BY seq').all() as Raw[]) {
    const hash = chainHash(prev, { seq: row.seq, recordId: row.record_id, kind: row.kind, aggregateId: row.aggregate_id, at: row.at, body: row.body });
    db.prepare('UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
    prev = hash;
  }
}

/** Chain tampering: per row, an edit, a deletion, an edit rehashed, a truncation after it. */
export function journalAttacks(tally: Tally, problems: string[]): void {
  const counts = (tally['chain-tampering'] = { tried: 0, accepted: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'pos-chain-attacks-'));
  try {
    for (let seq = 1; seq <= ROWS; seq++) {
      const attacks: Record<string, (db: ReturnType<typeof openLedger>['db']) => void> = {
        edit: (db) => db.prepare(`UPDATE journal SET body = replace(body, '45', '99') WHERE seq = ?`).run(seq),
        delete: (db) => db.prepare('DELETE FROM journal WHERE seq = ?').run(seq),
        rehash: (db) => {
          db.prepare(`UPDATE journal SET body = replace(body, '45', '99') WHERE seq = ?`).run(seq);
          rehash(db);
        },
        truncate: (db) => db.prepare('DELETE FROM journal WHERE seq >= ?').run(seq),
      };
      for (const [name, attack] of Object.entries(attacks)) {
        counts.tried++;
        if (undetected(dir, `${name}-${seq}`, attack)) {
          counts.accepted++;
          problems.push(`chain-tampering: ${name} of row ${seq} passed journal verify`);
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CSV formulas: each dangerous first character, in a cash-count reason, must not start a cell. */
export function csvFormulaAttacks(tally: Tally, problems: string[]): void {
  const counts = (tally['csv-formula'] = { tried: 0, accepted: 0 });
  for (const lead of ['=', '+', '-', '@', '\t', '\r']) {
    for (const payload of ['HYPERLINK("http://evil.example","정산")', 'cmd|\' /C calc\'!A0', '1+1']) {
      counts.tried++;
      const cell = `${lead}${payload}`;
      const csv = formulaSafeCsv([['reason', cell]]);
      const line = csv.replace(/^\uFEFF/, '').split('\r\n')[0]!;
      const second = line.slice(line.indexOf(',') + 1).replace(/^"/, '');
      if (second.startsWith(lead)) {
        counts.accepted++;
        problems.push(`csv-formula: a cell starting with ${JSON.stringify(lead)} left the export unescaped`);
      }
    }
  }
}

/**
 * Z forgery: a signed Z (src/closeout/z-signature.ts) with its figures
 * edited, its closer changed, its head moved, re-signed by another key or
 * stripped of its signature; accepted when the terminal's key verifies it.
 */
export function zForgeryAttacks(tally: Tally, problems: string[]): void {
  const counts = (tally['z-forgery'] = { tried: 0, accepted: 0 });
  const key = generateKeyPairSync('ed25519').privateKey;
  const attacker = generateKeyPairSync('ed25519').privateKey;
  for (let day = 1; day <= 3; day++) {
    const date = `2026-01-0${day}`;
    const signed = signZBody(key, { report: benchZReport('T01', date, 4_500 * day), closedBy: 'o1', closedByName: 'Owner', recordedOpen: false, nextBusinessDate: date });
    if (!verifyZBody(JSON.parse(canonicalJson(signed)), key).ok) throw new Error('a signed Z does not verify');
    const head = signed.report.chainHead!;
    const forgeries: Record<string, unknown> = {
      'figures edited': { ...signed, report: { ...signed.report, net: signed.report.net * 10 } },
      'closer changed': { ...signed, closedBy: 'c1' },
      'head moved': { ...signed, report: { ...signed.report, chainHead: { ...head, seq: head.seq + 1 } } },
      're-signed': signZBody(attacker, { ...signed, report: { ...signed.report, net: signed.report.net * 10 } }),
      'signature stripped': { ...signed, report: { ...signed.report, chainHead: { seq: head.seq, hash: head.hash } } },
    };
    for (const [name, forged] of Object.entries(forgeries)) {
      counts.tried++;
      if (verifyZBody(JSON.parse(canonicalJson(forged)), key).ok) {
        counts.accepted++;
        problems.push(`z-forgery: a Z with its ${name} passed the terminal signature`);
      }
    }
  }
}
