import { type KeyObject, sign, verify } from 'node:crypto';
import { type AnchorCheck, type JournalAnchor, type JournalRecord, journalAnchorSchema, recordHash } from '../ledger/index.js';
import type { GatewayKeyPin } from './gateway-key.js';
import { gatewayKeyId } from './answer-signing.js';
import type { JournalUploadRecord } from './protocol.js';

/**
 * Journal anchoring (docs/relay-protocol.md, "Journal chain and head
 * acknowledgements"). Each uploaded record carries its `prevHash`, so the
 * gateway recomputes its hash with the ledger's one definition and checks it
 * links to the neighbours it holds; the upload answer carries a head
 * acknowledgement signed by the gateway key:
 *
 *   JOURNAL-HEAD \n terminal-id \n seq \n hash \n timestamp-ms
 *
 * The till keeps the newest one (src/ledger/journal-anchor.ts); a later
 * rewrite of any row up to it changes the hash at its seq, which the till
 * cannot re-sign.
 */

/** A signed head acknowledgement (the till stores it as its journal anchor). */
export type JournalHead = JournalAnchor;

/** The upload form of a journal record. */
export function toUploadRecord(record: JournalRecord): JournalUploadRecord {
  return {
    recordId: record.recordId,
    seq: record.seq,
    kind: record.kind,
    aggregateId: record.aggregateId,
    at: new Date(record.at).toISOString(),
    prevHash: record.prevHash,
    hash: record.hash,
    body: record.body,
  };
}

/** The hash an uploaded record must carry (the ledger's recordHash over its fields). */
export function uploadRecordHash(record: JournalUploadRecord): string {
  return recordHash(record.prevHash, { ...record, at: Date.parse(record.at) });
}

function headString(terminalId: string, seq: number, hash: string, timestamp: string): string {
  return ['JOURNAL-HEAD', terminalId, String(seq), hash, timestamp].join('\n');
}

/** The gateway's signed acknowledgement that it holds `head` for `terminalId`, at `now`. */
export function signJournalHead(
  privateKey: KeyObject,
  terminalId: string,
  head: { seq: number; hash: string },
  now: number,
): JournalAnchor {
  const timestamp = String(Math.trunc(now));
  const signature = sign(null, Buffer.from(headString(terminalId, head.seq, head.hash, timestamp)), privateKey);
  return {
    terminalId,
    seq: head.seq,
    hash: head.hash,
    timestamp,
    keyId: gatewayKeyId(privateKey),
    signature: signature.toString('base64'),
  };
}

/** Whether `anchor` is well formed, for `terminalId`, and signed by the pinned gateway key. */
export function verifyJournalHead(pinned: KeyObject, terminalId: string, anchor: unknown): anchor is JournalAnchor {
  const parsed = journalAnchorSchema.safeParse(anchor);
  if (!parsed.success || parsed.data.terminalId !== terminalId) return false;
  const { seq, hash, timestamp, signature } = parsed.data;
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64) return false;
  try {
    return verify(null, Buffer.from(headString(terminalId, seq, hash, timestamp)), pinned, bytes);
  } catch {
    return false;
  }
}

/**
 * How `journal verify` and start-up judge a stored anchor: by the key pinned
 * now. No key pinned is `unknown`; an anchor signed by any other key
 * (including a pre-rotation one, replaced at the next sync) is `invalid`,
 * since anyone who can write the journal can write an anchor too.
 */
export function anchorCheck(pin: GatewayKeyPin): AnchorCheck {
  return (anchor) => {
    const pinned = pin.current();
    if (!pinned) return 'unknown';
    return verifyJournalHead(pinned, anchor.terminalId, anchor) ? 'valid' : 'invalid';
  };
}
