import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { type ReceiptDocument, parseReceiptDocument } from '../../src/receipts/receipt-document.js';
import type { Clock } from '../../src/platform/clock.js';

/**
 * The durable print queue. A receipt is committed here before a byte goes to
 * the printer and marked printed only after the printer acknowledged it, so a
 * printer that is off, out of paper or unplugged mid-receipt never loses one:
 * it prints once the printer is back, in order.
 *
 * The queue owns one table in the database file it is given. WAL with
 * synchronous=FULL because better-sqlite3 defaults WAL to NORMAL, which can
 * lose acknowledged commits on power loss (REFERENCE.md), and a till loses
 * power more often than a server.
 */

export type PrintJobState = 'pending' | 'printed';

export interface PrintJob {
  jobId: string;
  printerId: string;
  document: ReceiptDocument;
  copy: boolean;
  reprintOf: string | undefined;
  state: PrintJobState;
  attempts: number;
  lastError: string | undefined;
  createdAt: number;
  printedAt: number | undefined;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS print_jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id TEXT NOT NULL UNIQUE,
  printer_id TEXT NOT NULL,
  document TEXT NOT NULL,
  copy INTEGER NOT NULL DEFAULT 0,
  reprint_of TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending', 'printed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  printed_at INTEGER
);
CREATE INDEX IF NOT EXISTS print_jobs_pending ON print_jobs (printer_id, state, seq);
`;

// Rows are read back through a schema: the file may have been written by an older version.
const rowSchema = z.object({
  job_id: z.string(),
  printer_id: z.string(),
  document: z.string(),
  copy: z.number().int(),
  reprint_of: z.string().nullable(),
  state: z.enum(['pending', 'printed']),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  created_at: z.number().int(),
  printed_at: z.number().int().nullable(),
});

function toJob(row: unknown): PrintJob {
  const r = rowSchema.parse(row);
  return {
    jobId: r.job_id,
    printerId: r.printer_id,
    document: parseReceiptDocument(JSON.parse(r.document)),
    copy: r.copy === 1,
    reprintOf: r.reprint_of ?? undefined,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error ?? undefined,
    createdAt: r.created_at,
    printedAt: r.printed_at ?? undefined,
  };
}

export class PrintQueue {
  private readonly db: Database.Database;

  constructor(
    databasePath: string,
    private readonly clock: Clock,
  ) {
    this.db = new Database(databasePath);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  /** Stores a job; it is durable when this returns. */
  enqueue(
    printerId: string,
    document: ReceiptDocument,
    options: { copy?: boolean; reprintOf?: string } = {},
  ): PrintJob {
    const jobId = randomUUID();
    const copy = options.copy ?? document.copy ?? false;
    const stored: ReceiptDocument = copy ? { ...document, copy: true } : document;
    this.db
      .prepare(
        `INSERT INTO print_jobs (job_id, printer_id, document, copy, reprint_of, state, created_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
      )
      .run(
        jobId,
        printerId,
        JSON.stringify(stored),
        copy ? 1 : 0,
        options.reprintOf ?? null,
        this.clock.now(),
      );
    return this.get(jobId)!;
  }

  /** The oldest job of `printerId` not yet printed. */
  nextPending(printerId: string): PrintJob | undefined {
    const row = this.db
      .prepare(
        `SELECT * FROM print_jobs WHERE printer_id = ? AND state = 'pending' ORDER BY seq LIMIT 1`,
      )
      .get(printerId);
    return row === undefined ? undefined : toJob(row);
  }

  get(jobId: string): PrintJob | undefined {
    const row = this.db.prepare('SELECT * FROM print_jobs WHERE job_id = ?').get(jobId);
    return row === undefined ? undefined : toJob(row);
  }

  /** Jobs in queue order, optionally of one state. */
  list(state?: PrintJobState): PrintJob[] {
    const rows = state
      ? this.db.prepare('SELECT * FROM print_jobs WHERE state = ? ORDER BY seq').all(state)
      : this.db.prepare('SELECT * FROM print_jobs ORDER BY seq').all();
    return rows.map(toJob);
  }

  /** Records that the printer has the whole job; it will not be sent again. */
  markPrinted(jobId: string): void {
    this.db
      .prepare(
        `UPDATE print_jobs SET state = 'printed', printed_at = ?, attempts = attempts + 1, last_error = NULL WHERE job_id = ? AND state = 'pending'`,
      )
      .run(this.clock.now(), jobId);
  }

  /**
   * A pending job whose bytes may have partly reached the printer: from now on it prints as a
   * copy, with the 재출력 / COPY mark at its top.
   */
  markResend(jobId: string): void {
    const job = this.get(jobId);
    if (!job || job.state !== 'pending' || job.copy) return;
    this.db
      .prepare(`UPDATE print_jobs SET copy = 1, document = ? WHERE job_id = ? AND state = 'pending'`)
      .run(JSON.stringify({ ...job.document, copy: true }), jobId);
  }

  /** Records a failed attempt; the job stays pending. */
  recordFailure(jobId: string, error: string): void {
    this.db
      .prepare('UPDATE print_jobs SET attempts = attempts + 1, last_error = ? WHERE job_id = ?')
      .run(error.slice(0, 500), jobId);
  }

  /** The connection's durability settings, for diagnostics (`journal_mode`, `synchronous`: 2 = FULL). */
  durability(): { journalMode: string; synchronous: number } {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
    };
  }

  close(): void {
    this.db.close();
  }
}
