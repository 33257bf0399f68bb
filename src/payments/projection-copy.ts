import type { SqliteDatabase } from '../ledger/index.js';

/** The sales copied: those completed by journal rows `fromSeq`..`toSeq`, of one business date. */
export interface CopiedSales {
  businessDate: string;
  fromSeq: number;
  toSeq: number;
}

/** What a copy moves: times by whole days, seqs by the journal rows written since, the bill counter by the bills used since. */
export interface CopyShift {
  ms: number;
  seqs: number;
  bills: number;
}

/** The tables a day's sales fill, and how the template's rows are found (pay_business_days: the day's own opening row). */
const SALE_TABLES = {
  pay_sales: 'completed_seq BETWEEN @fromSeq AND @toSeq',
  pay_tenders: 'sale_id IN (SELECT sale_id FROM temp.template_pay_sales)',
  pay_refunds: 'sale_id IN (SELECT sale_id FROM temp.template_pay_sales)',
} as const;

/**
 * The projection rows of some sales, kept aside and copied onto later dates:
 * for a generated journal whose later days repeat its first
 * (bench/lib/template-day.ts copies the journal rows), never for a till. The
 * projector made the template's rows; a copy is those rows with every text
 * column passed through `renumber` (the generator's ids and dates), every
 * `*_at` column moved by whole days and every `*_seq` column by the rows
 * written since; the day's receipt counter is the template's (receipts
 * restart each day) and the bill counter moves on by the bills copied. Kept
 * here, by the tables' owner; `projectionDrift` (projection-audit.ts) is what
 * proves a copied journal's projection is the projector's.
 */
export class ProjectionTemplate {
  private copies: Array<ReturnType<SqliteDatabase['prepare']>> | undefined;
  private readonly counters;

  constructor(
    private readonly db: SqliteDatabase,
    sales: CopiedSales,
    renumber: (text: string) => string,
  ) {
    db.function('pay_copy_renumber', (text: unknown) => (typeof text === 'string' ? renumber(text) : text));
    // Kept apart, in memory, so each copy reads the template's few thousand rows, not the year's.
    db.pragma('temp_store = MEMORY');
    const tables = [...Object.entries(SALE_TABLES), ['pay_counters', `name IN ('receipt:' || @businessDate, 'bill')`] as const];
    for (const [table, where] of tables) {
      db.exec(`DROP TABLE IF EXISTS temp.template_${table}`);
      db.prepare(`CREATE TEMP TABLE template_${table} AS SELECT * FROM main.${table} WHERE ${where}`).run(sales);
    }
    // As the projector's bumpCounter: the highest number wins.
    this.counters = db.prepare(
      `INSERT INTO main.pay_counters (name, value)
       SELECT pay_copy_renumber(name), CASE name WHEN 'bill' THEN value + @bills ELSE value END FROM temp.template_pay_counters WHERE true
       ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)`,
    );
  }

  /** Copies the rows once, `renumber` set for the new date; call inside the transaction that writes the copy's journal rows. */
  copy(shift: CopyShift): void {
    this.copies ??= Object.keys(SALE_TABLES).map((table) => this.copyStatement(table));
    for (const statement of this.copies) statement.run({ ms: shift.ms, seqs: shift.seqs });
    this.counters.run({ bills: shift.bills });
  }

  /**
   * The statement that copies one table's template rows. Only the text columns whose
   * values the first copy renumbers go through `renumber` (most are states, methods,
   * currencies or empty), which is most of a copy's cost saved.
   */
  private copyStatement(table: string) {
    const columns = this.db.pragma(`table_info(${table})`) as Array<{ name: string; type: string }>;
    const renumbered = (name: string) =>
      this.db.prepare(`SELECT 1 FROM temp.template_${table} WHERE pay_copy_renumber(${name}) IS NOT ${name} LIMIT 1`).get() !== undefined;
    const values = columns.map(({ name, type }) =>
      name.endsWith('_at') ? `${name} + @ms` : name.endsWith('_seq') ? `${name} + @seqs` : type === 'TEXT' && renumbered(name) ? `pay_copy_renumber(${name})` : name,
    );
    return this.db.prepare(`INSERT INTO main.${table} (${columns.map((c) => c.name).join(', ')}) SELECT ${values.join(', ')} FROM temp.template_${table}`);
  }
}
