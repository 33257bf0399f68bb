import type { BulkJournalWriter, SqliteDatabase, StoredEntry } from '../../src/ledger/index.js';
import { type CopiedSales, ProjectionTemplate } from '../../src/payments/projection-copy.js';

/** How the generator names what it numbers (bench/lib/year-journal.ts), so a copy can number them on. */
export interface Numbering {
  /** Prefixes followed by a payment's serial number: its sale, its tender, its gateway request and payment ids. */
  serialPrefixes: readonly string[];
  /** The prefix of a bill number, followed by 8 digits (an offline QR's bill). */
  billPrefix: string;
}

/** What one day copied onto another changes: the serials and bills used before it, the rows written before it. */
export interface DayShift {
  serials: number;
  bills: number;
  /** The seq of the copy's first row, less the template's. */
  seqs: number;
}

/**
 * One generated day's sales, written through the real bulk writer and
 * projector, kept as a template and copied onto later dates: 2,740 sales a
 * day for a year is 4 million journal rows, and writing each through the
 * projector cost about 128 s (issue 15, Deliver 7: under 60 s). A copy
 * re-chains the template's journal rows with the bulk writer (each row hashed
 * anew after its predecessor) and copies the projection rows the projector
 * made for them (src/payments/projection-copy.ts, the tables' owner). Only what dates the day or numbers a payment changes:
 * business dates and receipt-number dates, sale, tender and gateway ids and
 * bill numbers (renumbered in every text column and body), times (moved by
 * whole days) and seqs (moved by the rows written since). Every copied day
 * has the template's amounts, methods, refunds and voids; the benchmarks read
 * one day's figures and the year's size, not variety between days.
 * test/bench/year-journal.test.ts replays the whole journal through the real
 * projector and compares (projectionDrift), so a copy that differs from what
 * the projector would make fails there.
 */
export class TemplateDay {
  private readonly rows: StoredEntry[];
  private readonly projection: ProjectionTemplate;
  private readonly pattern: RegExp;
  private shift: DayShift = { serials: 0, bills: 0, seqs: 0 };
  private toDate = '';

  constructor(
    db: SqliteDatabase,
    private readonly writer: BulkJournalWriter,
    private readonly sales: CopiedSales,
    numbering: Numbering,
  ) {
    this.rows = writer.entries(sales.fromSeq, sales.toSeq);
    const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const serial = numbering.serialPrefixes.map((p) => `\\b${quote(p)}`).join('|');
    this.pattern = new RegExp(`(${serial}|"billSeq":)(\\d+)|(${quote(numbering.billPrefix)})(\\d{8})|${sales.businessDate}|${compact(sales.businessDate)}-`, 'g');
    this.projection = new ProjectionTemplate(db, sales, (text) => this.renumber(text));
  }

  /** Copies the template's sales onto `businessDate`; call inside the day's transaction, after its opening rows. */
  copyTo(businessDate: string, shift: DayShift): void {
    this.shift = shift;
    this.toDate = businessDate;
    const ms = Date.parse(businessDate) - Date.parse(this.sales.businessDate);
    for (const row of this.rows) {
      this.writer.copy({ kind: row.kind, aggregateId: this.renumber(row.aggregateId), body: this.renumber(row.body), sync: row.sync }, row.at + ms);
    }
    this.projection.copy({ ms, seqs: shift.seqs, bills: shift.bills });
  }

  /** The generator's ids, bills and dates in `text`, numbered on for the copy. */
  private renumber(text: string): string {
    return text.replace(this.pattern, (match, prefix?: string, n?: string, billPrefix?: string, bill?: string) => {
      if (prefix !== undefined) return prefix + (Number(n) + (prefix === '"billSeq":' ? this.shift.bills : this.shift.serials));
      if (billPrefix !== undefined) return billPrefix + String(Number(bill) + this.shift.bills).padStart(8, '0');
      return match === this.sales.businessDate ? this.toDate : `${compact(this.toDate)}-`;
    });
  }
}

/** 2025-01-01 as a receipt number writes it: 20250101. */
function compact(date: string): string {
  return date.replaceAll('-', '');
}
