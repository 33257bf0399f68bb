import { randomUUID } from 'node:crypto';
import { GENESIS_HASH, recordHash } from '../../src/ledger/index.js';
import type { JournalUploadRecord } from '../../src/relay/protocol.js';

/**
 * Upload records that chain as a till's journal would (real hashes), for
 * gateway tests that need records without a till. `after` continues a chain.
 */
export function uploadChain(
  entries: ReadonlyArray<{ kind: string; body?: Record<string, unknown>; recordId?: string }>,
  after: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): JournalUploadRecord[] {
  let prev = after;
  return entries.map(({ kind, body = {}, recordId = randomUUID() }) => {
    const at = Date.now();
    const content = { recordId, seq: prev.seq + 1, kind, aggregateId: `A${prev.seq + 1}`, at, body };
    const hash = recordHash(prev.hash, content);
    const record = { ...content, at: new Date(at).toISOString(), prevHash: prev.hash, hash };
    prev = { seq: record.seq, hash };
    return record;
  });
}
