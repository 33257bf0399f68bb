import type { SqliteDatabase } from './database.js';
import { type ChainHead, chainHead } from './chain-head.js';
import { GENESIS_HASH, chainHash } from './hash-chain.js';
import { type JournalAnchor, latestAnchor } from './journal-anchor.js';
import type { JournalRow } from './journal-row.js';

/** One thing wrong with a journal, naming the row where it can. */
export interface JournalProblem {
  kind: 'missing' | 'broken-link' | 'edited' | 'truncated' | 'rewritten' | 'forged-anchor' | 'forged-z' | 'projection';
  seq?: number;
  message: string;
}

/** What an audit of the chain found. */
export interface ChainAudit {
  rows: number;
  head: ChainHead;
  anchor: JournalAnchor | undefined;
  /** Rows written after the anchored head: the gateway has not vouched for them yet. */
  unanchored: number;
  problems: JournalProblem[];
  /** Doubts that are not proof (an anchor this key cannot check, acknowledged rows without an anchor). */
  warnings: string[];
}

/** How an anchor's gateway signature is judged: by the pinned key, or unknown (no key pinned, an older key). */
export type AnchorCheck = (anchor: JournalAnchor) => 'valid' | 'invalid' | 'unknown';

/**
 * Walks the whole hash chain and names every broken place, not only the
 * first: a missing seq (a deleted row), a row that does not link to the one
 * before it (inserted or reordered rows), a row whose content no longer
 * hashes to its stored hash (edited). Then checks the gateway's signed head
 * (journal-anchor.ts): a journal that ends before it was truncated; a row at
 * its seq with another hash means the journal was rewritten and rehashed up
 * to there, which a local walk alone cannot see. `fromSeq` trusts the rows
 * before it (start-up walks only from the anchor).
 */
export function auditChain(db: SqliteDatabase, options: { checkAnchor?: AnchorCheck; fromSeq?: number } = {}): ChainAudit {
  const problems: JournalProblem[] = [];
  const warnings: string[] = [];
  const fromSeq = options.fromSeq ?? 0;
  let prevHash = GENESIS_HASH;
  if (fromSeq > 0) {
    const start = db.prepare('SELECT hash FROM journal WHERE seq = ?').get(fromSeq) as { hash: string } | undefined;
    if (start) prevHash = start.hash;
  }
  let expected = fromSeq + 1;
  let rows = 0;
  const iterate = db.prepare('SELECT * FROM journal WHERE seq > ? ORDER BY seq').iterate(fromSeq);
  for (const raw of iterate as Iterable<JournalRow>) {
    rows++;
    if (raw.seq !== expected) {
      const span = raw.seq - 1 === expected ? `row ${expected} is` : `rows ${expected}..${raw.seq - 1} are`;
      problems.push({ kind: 'missing', seq: expected, message: `${span} missing before row ${raw.seq} (deleted)` });
    } else if (raw.prev_hash !== prevHash) {
      problems.push({ kind: 'broken-link', seq: raw.seq, message: `row ${raw.seq} (${raw.kind}) does not link to the row before it (inserted, reordered or its neighbour edited)` });
    }
    const recomputed = chainHash(raw.prev_hash, {
      seq: raw.seq,
      recordId: raw.record_id,
      kind: raw.kind,
      aggregateId: raw.aggregate_id,
      at: raw.at,
      body: raw.body,
    });
    if (recomputed !== raw.hash)
      problems.push({ kind: 'edited', seq: raw.seq, message: `row ${raw.seq} (${raw.kind}, record ${raw.record_id}) was changed after it was written` });
    prevHash = raw.hash;
    expected = raw.seq + 1;
  }
  const head = chainHead(db);
  const anchor = latestAnchor(db);
  let unanchored = head.seq;
  if (anchor) {
    unanchored = Math.max(0, head.seq - anchor.seq);
    problems.push(...anchorProblems(db, anchor, head, options.checkAnchor, warnings));
  } else {
    const acked = (db.prepare('SELECT count(*) AS n FROM outbox WHERE acked_at IS NOT NULL').get() as { n: number }).n;
    if (acked > 0) warnings.push(`${acked} records were acknowledged by the gateway but no signed head is held (synced before anchoring, or the anchor was removed)`);
  }
  return { rows, head, anchor, unanchored, problems, warnings };
}

function anchorProblems(
  db: SqliteDatabase,
  anchor: JournalAnchor,
  head: ChainHead,
  checkAnchor: AnchorCheck | undefined,
  warnings: string[],
): JournalProblem[] {
  const verdict = checkAnchor ? checkAnchor(anchor) : 'unknown';
  if (verdict === 'invalid')
    return [{ kind: 'forged-anchor', seq: anchor.seq, message: `the anchored head ${anchor.seq} is not signed by the pinned gateway key (forged)` }];
  if (verdict === 'unknown') warnings.push(`the anchored head ${anchor.seq} could not be checked against a pinned gateway key`);
  if (head.seq < anchor.seq)
    return [{ kind: 'truncated', seq: head.seq + 1, message: `the gateway acknowledged row ${anchor.seq} but the journal ends at row ${head.seq} (tail truncated)` }];
  const row = db.prepare('SELECT hash FROM journal WHERE seq = ?').get(anchor.seq) as { hash: string } | undefined;
  if (!row)
    return [{ kind: 'truncated', seq: anchor.seq, message: `row ${anchor.seq}, acknowledged by the gateway, is gone` }];
  if (row.hash !== anchor.hash)
    return [{ kind: 'rewritten', seq: anchor.seq, message: `row ${anchor.seq} differs from the head the gateway acknowledged (${anchor.hash.slice(0, 12)}): rows up to it were rewritten and rehashed` }];
  return [];
}
