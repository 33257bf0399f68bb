import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** The previous-hash of the first journal row. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a row's hash covers: everything but the hash itself. */
export interface HashedContent {
  seq: number;
  recordId: string;
  kind: string;
  aggregateId: string;
  at: number;
  body: string;
}

/**
 * SHA-256 over the previous row's hash and this row's canonical content, so
 * editing, deleting or reordering any row breaks every hash after it.
 */
export function chainHash(prevHash: string, row: HashedContent): string {
  const content = canonicalJson({
    seq: row.seq,
    recordId: row.recordId,
    kind: row.kind,
    aggregateId: row.aggregateId,
    at: row.at,
    body: row.body,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}
