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
  private readonly rows: Array<StoredEntry & { pieces: { aggregateId: Piece[]; body: Piece[] } }>;
  private readonly projection: ProjectionTemplate;
  private readonly pattern: RegExp;
  /** Each template text cut once where it names something numbered: a copy only fills the gaps. */
  private readonly compiled = new Map<string, Piece[]>();
  private shift: DayShift = { serials: 0, bills: 0, seqs: 0 };
  private toDate = '';
  private toCompact = '';

  constructor(
    db: SqliteDatabase,
    private readonly writer: BulkJournalWriter,
    private readonly sales: CopiedSales,
    numbering: Numbering,
  ) {
    const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const serial = numbering.serialPrefixes.map((p) => `\\b${quote(p)}`).join('|');
    this.pattern = new RegExp(`(${serial}|"billSeq":)(\\d+)|(${quote(numbering.billPrefix)})(\\d{8})|${sales.businessDate}|${compact(sales.businessDate)}-`, 'g');
    this.rows = writer.entries(sales.fromSeq, sales.toSeq).map((row) => ({ ...row, pieces: { aggregateId: this.pieces(row.aggregateId), body: this.pieces(row.body) } }));
    this.projection = new ProjectionTemplate(db, sales, (text) => this.renumber(text));
  }

  /** Copies the template's sales onto `businessDate`; call inside the day's transaction, after its opening rows. */
  copyTo(businessDate: string, shift: DayShift): void {
    this.shift = shift;
    this.toDate = businessDate;
    this.toCompact = compact(businessDate);
    const ms = Date.parse(businessDate) - Date.parse(this.sales.businessDate);
    for (const row of this.rows) {
      this.writer.copy({ kind: row.kind, aggregateId: this.fill(row.pieces.aggregateId), body: this.fill(row.pieces.body), sync: row.sync }, row.at + ms);
    }
    this.projection.copy({ ms, seqs: shift.seqs, bills: shift.bills });
  }

  /** The generator's ids, bills and dates in a template text, numbered on for the copy. */
  private renumber(text: string): string {
    return this.fill(this.compiled.get(text) ?? this.compiled.set(text, this.pieces(text)).get(text)!);
  }

  /** `text` cut into its fixed parts and what the generator numbered in it. */
  private pieces(text: string): Piece[] {
    const pieces: Piece[] = [];
    let last = 0;
    for (const m of text.matchAll(this.pattern)) {
      const [match, prefix, n, billPrefix, bill] = m;
      pieces.push(text.slice(last, m.index));
      if (prefix !== undefined) pieces.push({ prefix, base: Number(n), counts: prefix === '"billSeq":' ? 'bills' : 'serials' });
      else if (billPrefix !== undefined) pieces.push({ prefix: billPrefix, base: Number(bill), counts: 'bills', width: 8 });
      else pieces.push(match === this.sales.businessDate ? 'date' : 'compact');
      last = m.index + match.length;
    }
    pieces.push(text.slice(last));
    return pieces;
  }

  private fill(pieces: readonly Piece[]): string {
    if (pieces.length === 1) return pieces[0] as string;
    let out = '';
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      // Even places are the text between the numbered parts.
      if (i % 2 === 0) out += piece as string;
      else if (piece === 'date') out += this.toDate;
      else if (piece === 'compact') out += `${this.toCompact}-`;
      else {
        const { prefix, base, counts, width } = piece as NumberedPiece;
        const value = String(base + this.shift[counts]);
        out += prefix + (width ? value.padStart(width, '0') : value);
      }
    }
    return out;
  }
}

/** A number the generator gave out: its prefix, its value in the template, which count moves it on. */
interface NumberedPiece {
  prefix: string;
  base: number;
  counts: 'serials' | 'bills';
  width?: number;
}

/** Alternately the text between numbered parts and a numbered part (a number, the date, the receipt-number date). */
type Piece = string | NumberedPiece | 'date' | 'compact';

/** 2025-01-01 as a receipt number writes it: 20250101. */
function compact(date: string): string {
  return date.replaceAll('-', '');
}
