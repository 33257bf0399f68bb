import { hash } from 'node:crypto';
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
  // canonicalJson of the six fields, written out in its key order (aggregateId,
  // at, body, kind, recordId, seq): the same bytes, without sorting per row.
  const content =
    `{"aggregateId":${JSON.stringify(row.aggregateId)},"at":${canonicalJson(row.at)},"body":${JSON.stringify(row.body)},` +
    `"kind":${JSON.stringify(row.kind)},"recordId":${JSON.stringify(row.recordId)},"seq":${canonicalJson(row.seq)}}`;
  // One-shot crypto.hash: a third of createHash's cost on a row-sized input (no Hash object per row).
  return hash('sha256', `${prevHash}\n${content}`, 'hex');
}
