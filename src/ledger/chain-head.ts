import { canonicalJson } from './canonical-json.js';
import type { SqliteDatabase } from './database.js';
import { GENESIS_HASH, chainHash } from './hash-chain.js';

/** The newest journal row's position and hash: what the Z prints and the gateway acknowledges. */
export interface ChainHead {
  /** Sequence of the newest row (0 for an empty journal). */
  seq: number;
  /** Its hash (GENESIS_HASH for an empty journal). */
  hash: string;
}

/** A journal record as it travels (body as an object, time in epoch milliseconds). */
export interface PortableRecord {
  seq: number;
  recordId: string;
  kind: string;
  aggregateId: string;
  at: number;
  body: Record<string, unknown>;
}

/**
 * The chain head of a journal database, read in one statement (no Journal
 * needed): close-out prints it as `chainHead` so a later rewrite of any row up
 * to it is visible against the paper Z.
 */
export function chainHead(db: SqliteDatabase): ChainHead {
  const row = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as ChainHead | undefined;
  return { seq: row?.seq ?? 0, hash: row?.hash ?? GENESIS_HASH };
}

/**
 * The hash a journal record must carry given the hash before it: the one
 * definition the till, the sandbox gateway and the store server all use
 * (never re-implement it; the bytes are pinned in test/ledger/hash-chain.test.ts).
 */
export function recordHash(prevHash: string, record: PortableRecord): string {
  return chainHash(prevHash, { ...record, body: canonicalJson(record.body) });
}

/** The short form printed on paper: `seq:first-12-hex`. */
export function formatChainHead(head: ChainHead): string {
  return `${head.seq}:${head.hash.slice(0, 12)}`;
}
