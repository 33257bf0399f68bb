import type {
  JournalAck,
  JournalBatchResponse,
  JournalUploadRecord,
} from '../src/relay/protocol.js';
import { uploadRecordHash } from '../src/relay/journal-head.js';
import { resultOf } from '../src/relay/result-codes.js';
import type { GatewayKeys } from './gateway-keys.js';
import type { SandboxState } from './sandbox-state.js';

interface StoredRecord {
  terminal_id: string;
  hash: string;
  detail: string | null;
}

/**
 * Records that ask the gateway to act; the ack carries the outcome: a
 * 현금영수증 issued, or cancelled after a cash refund (each with its own 승인번호).
 */
const CASH_RECEIPT_KINDS: ReadonlySet<string> = new Set(['cash-receipt.requested', 'cash-receipt.cancel-requested']);

/**
 * Journal batch upload (the till's outbox drains here). Each record is
 * applied once: a record id seen before is acknowledged DUPLICATE with the
 * first outcome and not applied again (Stripe Terminal forwarded offline
 * payments two to four times on reconnect; this is the guard). The same id
 * with a different hash is REJECTED: the till's chain disagrees with itself.
 *
 * A new record must prove its place in the till's hash chain
 * (docs/relay-protocol.md, "Journal chain and head acknowledgements"): its
 * hash recomputes from its prevHash and content, no other record holds its
 * seq, and it links to the records held at seq-1 and seq+1. Records the till
 * never syncs leave gaps that cannot be checked here; the signed head closes
 * them, because the hash at the head commits to every row before it.
 */
export class JournalIntake {
  private readonly find;
  private readonly atSeq;
  private readonly insert;
  private readonly count;
  private readonly head;

  constructor(
    private readonly state: SandboxState,
    private readonly keys: GatewayKeys,
  ) {
    const { db } = state;
    this.find = db.prepare(
      'SELECT terminal_id, hash, detail FROM journal_records WHERE record_id = ?',
    );
    this.atSeq = db.prepare(
      'SELECT record_id, prev_hash, hash FROM journal_records WHERE terminal_id = ? AND seq = ?',
    );
    this.insert = db.prepare(
      `INSERT INTO journal_records (record_id, terminal_id, seq, kind, at, prev_hash, hash, body, detail, received_at)
       VALUES (@record_id, @terminal_id, @seq, @kind, @at, @prev_hash, @hash, @body, @detail, @received_at)`,
    );
    this.count = db.prepare(
      "SELECT COUNT(*) AS n FROM journal_records WHERE kind IN ('cash-receipt.requested', 'cash-receipt.cancel-requested')",
    );
    this.head = db.prepare(
      'SELECT seq, hash FROM journal_records WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1',
    );
  }

  upload(terminalId: string, records: JournalUploadRecord[]): JournalBatchResponse {
    const now = this.state.clock.now();
    const { acks, head } = this.state.transact(() => ({
      acks: records.map((record) => this.apply(terminalId, record, now)),
      head: this.head.get(terminalId) as { seq: number; hash: string } | undefined,
    }));
    const accepted = acks.filter((ack) => ack.status === 'ACCEPTED').length;
    const response: JournalBatchResponse = {
      result: resultOf(
        'ACCEPTED',
        `${accepted} applied, ${acks.length - accepted} not applied (see acks)`,
      ),
      acks,
    };
    if (head) response.head = this.keys.signJournalHead(terminalId, head);
    return response;
  }

  private apply(terminalId: string, record: JournalUploadRecord, now: number): JournalAck {
    const stored = this.find.get(record.recordId) as StoredRecord | undefined;
    if (stored) {
      if (stored.terminal_id !== terminalId || stored.hash !== record.hash) {
        return rejected(record, 'REPEAT_REQ_INCONSISTENT', 'this record id was uploaded with different content');
      }
      const ack: JournalAck = {
        recordId: record.recordId,
        status: 'DUPLICATE',
        message: 'already applied',
      };
      if (stored.detail) ack.detail = JSON.parse(stored.detail) as Record<string, string>;
      return ack;
    }
    const broken = this.chainFault(terminalId, record);
    if (broken) return rejected(record, broken.code, broken.message);
    const detail =
      CASH_RECEIPT_KINDS.has(record.kind) ? { approvalNumber: this.nextApprovalNumber() } : undefined;
    this.insert.run({
      record_id: record.recordId,
      terminal_id: terminalId,
      seq: record.seq,
      kind: record.kind,
      at: record.at,
      prev_hash: record.prevHash,
      hash: record.hash,
      body: JSON.stringify(record.body),
      detail: detail ? JSON.stringify(detail) : null,
      received_at: now,
    });
    return detail
      ? { recordId: record.recordId, status: 'ACCEPTED', detail }
      : { recordId: record.recordId, status: 'ACCEPTED' };
  }

  /** Why `record` does not fit the chain held for the terminal, if it does not. */
  private chainFault(terminalId: string, record: JournalUploadRecord): { code: string; message: string } | undefined {
    if (uploadRecordHash(record) !== record.hash)
      return { code: 'CHAIN_HASH_MISMATCH', message: `record ${record.seq}: hash does not match its prevHash and content` };
    type Held = { record_id: string; prev_hash: string; hash: string };
    if (this.atSeq.get(terminalId, record.seq) as Held | undefined)
      return { code: 'CHAIN_FORK', message: `another record already holds seq ${record.seq}` };
    const below = this.atSeq.get(terminalId, record.seq - 1) as Held | undefined;
    if (below && below.hash !== record.prevHash)
      return { code: 'CHAIN_BROKEN', message: `record ${record.seq} does not link to record ${record.seq - 1}` };
    const above = this.atSeq.get(terminalId, record.seq + 1) as Held | undefined;
    if (above && above.prev_hash !== record.hash)
      return { code: 'CHAIN_BROKEN', message: `record ${record.seq + 1} does not link to record ${record.seq}` };
    return undefined;
  }

  /** Korean cash-receipt (현금영수증) approval numbers are nine digits. */
  private nextApprovalNumber(): string {
    const issued = (this.count.get() as { n: number }).n;
    return String(100_000_001 + issued);
  }
}

function rejected(record: JournalUploadRecord, code: string, message: string): JournalAck {
  return { recordId: record.recordId, status: 'REJECTED', code, message };
}
