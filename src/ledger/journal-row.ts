import { parseJsonObject } from '../platform/stored-json.js';
/** A stored journal row. */
export interface JournalRecord {
  seq: number;
  recordId: string;
  kind: string;
  aggregateId: string;
  at: number;
  body: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** A journal row as SQLite returns it. */
export interface JournalRow {
  seq: number;
  record_id: string;
  kind: string;
  aggregate_id: string;
  at: number;
  body: string;
  prev_hash: string;
  hash: string;
}

/** Turns a raw row into a record, parsing its canonical JSON body. */
export function toRecord(row: JournalRow): JournalRecord {
  return {
    seq: row.seq,
    recordId: row.record_id,
    kind: row.kind,
    aggregateId: row.aggregate_id,
    at: row.at,
    // The body's owner (payments, close-out, catalog) parses it against its kind's schema.
    body: parseJsonObject(row.body, `journal row ${row.seq} (${row.kind})`),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

