import type {
  JournalAck,
  JournalBatchResponse,
  JournalUploadRecord,
} from '../src/relay/protocol.js';
import { resultOf } from '../src/relay/result-codes.js';
import type { SandboxState } from './sandbox-state.js';

interface StoredRecord {
  terminal_id: string;
  hash: string;
  detail: string | null;
}

/** Records that ask the gateway to act; the ack carries the outcome. */
const CASH_RECEIPT_KIND = 'cash-receipt.requested';

/**
 * Journal batch upload (the till's outbox drains here). Each record is
 * applied once: a record id seen before is acknowledged DUPLICATE with the
 * first outcome and not applied again (Stripe Terminal forwarded offline
 * payments two to four times on reconnect; this is the guard). The same id
 * with a different hash is REJECTED: the till's chain disagrees with itself.
 */
export class JournalIntake {
  private readonly find;
  private readonly insert;
  private readonly count;

  constructor(private readonly state: SandboxState) {
    const { db } = state;
    this.find = db.prepare(
      'SELECT terminal_id, hash, detail FROM journal_records WHERE record_id = ?',
    );
    this.insert = db.prepare(
      `INSERT INTO journal_records (record_id, terminal_id, seq, kind, at, hash, body, detail, received_at)
       VALUES (@record_id, @terminal_id, @seq, @kind, @at, @hash, @body, @detail, @received_at)`,
    );
    this.count = db.prepare(
      "SELECT COUNT(*) AS n FROM journal_records WHERE kind = 'cash-receipt.requested'",
    );
  }

  upload(terminalId: string, records: JournalUploadRecord[]): JournalBatchResponse {
    const now = this.state.clock.now();
    const acks = this.state.transact(() =>
      records.map((record) => this.apply(terminalId, record, now)),
    );
    const accepted = acks.filter((ack) => ack.status === 'ACCEPTED').length;
    return {
      result: resultOf(
        'ACCEPTED',
        `${accepted} applied, ${acks.length - accepted} not applied (see acks)`,
      ),
      acks,
    };
  }

  private apply(terminalId: string, record: JournalUploadRecord, now: number): JournalAck {
    const stored = this.find.get(record.recordId) as StoredRecord | undefined;
    if (stored) {
      if (stored.terminal_id !== terminalId || stored.hash !== record.hash) {
        return {
          recordId: record.recordId,
          status: 'REJECTED',
          code: 'REPEAT_REQ_INCONSISTENT',
          message: 'this record id was uploaded with different content',
        };
      }
      const ack: JournalAck = {
        recordId: record.recordId,
        status: 'DUPLICATE',
        message: 'already applied',
      };
      if (stored.detail) ack.detail = JSON.parse(stored.detail) as Record<string, string>;
      return ack;
    }
    const detail =
      record.kind === CASH_RECEIPT_KIND ? { approvalNumber: this.nextApprovalNumber() } : undefined;
    this.insert.run({
      record_id: record.recordId,
      terminal_id: terminalId,
      seq: record.seq,
      kind: record.kind,
      at: record.at,
      hash: record.hash,
      body: JSON.stringify(record.body),
      detail: detail ? JSON.stringify(detail) : null,
      received_at: now,
    });
    return detail
      ? { recordId: record.recordId, status: 'ACCEPTED', detail }
      : { recordId: record.recordId, status: 'ACCEPTED' };
  }

  /** Korean cash-receipt (현금영수증) approval numbers are nine digits. */
  private nextApprovalNumber(): string {
    const issued = (this.count.get() as { n: number }).n;
    return String(100_000_001 + issued);
  }
}
