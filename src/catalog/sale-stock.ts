/**
 * Stock follows the sales as the journal records them: a completed sale
 * (`sale.completed`) takes its lines' items out of stock, a completed return
 * by line (`refund.state` to completed, with `lines`) puts the returned units
 * back. Nothing else is told to the catalog: the journal is the one account,
 * and the catalog keeps how far it has read (`catalog_stock_cursor`) in the
 * same SQLite transaction as the counts it moves, so a till stopped between a
 * sale closing and its stock moving moves it once at the next start, never
 * twice and never not at all.
 */
import { z } from 'zod';
import type { SqliteDatabase } from '../ledger/database.js';
import type { Journal, JournalRecord } from '../ledger/journal.js';

/** How many of one item a sale took (negative) or a return brought back (positive). */
export interface StockMove {
  itemId: string;
  delta: number;
}

// The parts of the payment records stock needs (src/payments/records.ts), parsed on read.
const saleOpenedSchema = z.object({ lines: z.array(z.object({ itemId: z.string().optional(), quantity: z.number().int() })) });
const saleCompletedSchema = z.object({ saleId: z.string() });
const refundStateSchema = z.object({
  saleId: z.string(),
  to: z.string(),
  // A reversal's refund gives back a payment that never counted: no goods came back with it.
  reversal: z.boolean().optional(),
  lines: z.array(z.object({ line: z.number().int(), quantity: z.number().int() })).optional(),
});

/** Journal rows read per transaction while catching up. */
const PAGE = 500;

/** The catalog's place in the journal: the last row whose stock moves are applied. */
export class SaleStock {
  private readonly getCursor;
  private readonly setCursor;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly journal: Journal,
  ) {
    this.getCursor = db.prepare('SELECT seq FROM catalog_stock_cursor').pluck();
    this.setCursor = db.prepare('UPDATE catalog_stock_cursor SET seq = ?');
  }

  /**
   * Applies the stock moves of every journal row after the cursor, a page
   * per transaction together with the cursor; `apply` writes the counts.
   * Returns how many rows moved stock.
   */
  catchUp(apply: (moves: StockMove[]) => void): number {
    let moved = 0;
    for (;;) {
      const page = this.journal.atomically(() => {
        const rows = this.journal.readAfter(this.cursor(), PAGE);
        const moves = rows.map((r) => this.movesOf(r)).filter((m) => m.length > 0);
        if (moves.length > 0) apply(moves.flat());
        if (rows.length > 0) this.setCursor.run(rows.at(-1)!.seq);
        moved += moves.length;
        return rows.length;
      });
      if (page < PAGE) return moved;
    }
  }

  private cursor(): number {
    const seq = this.getCursor.get() as number | undefined;
    if (seq !== undefined) return seq;
    // Stock starts following at the journal as it stands: sales before this carried no item ids.
    const tail = this.journal.tail().seq;
    this.db.prepare('INSERT INTO catalog_stock_cursor (seq) VALUES (?)').run(tail);
    return tail;
  }

  private movesOf(record: JournalRecord): StockMove[] {
    if (record.kind === 'sale.completed') {
      return this.saleLines(saleCompletedSchema.parse(record.body).saleId).flatMap((l) => (l.itemId ? [{ itemId: l.itemId, delta: -l.quantity }] : []));
    }
    if (record.kind !== 'refund.state') return [];
    const refund = refundStateSchema.parse(record.body);
    if (refund.to !== 'completed' || refund.reversal || !refund.lines) return [];
    const lines = this.saleLines(refund.saleId);
    return refund.lines.flatMap((r) => {
      const itemId = lines[r.line]?.itemId;
      return itemId ? [{ itemId, delta: r.quantity }] : [];
    });
  }

  private saleLines(saleId: string): z.infer<typeof saleOpenedSchema>['lines'] {
    const opened = this.journal.forAggregate(saleId).find((r) => r.kind === 'sale.opened');
    return opened ? saleOpenedSchema.parse(opened.body).lines : [];
  }
}
