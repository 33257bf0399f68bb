import { z } from 'zod';
import { businessDateAt } from '../src/platform/business-time.js';
import type { Clock } from '../src/platform/clock.js';
import { Z_REPORT_KIND, dayAggregate } from '../src/closeout/records.js';
import { type ChannelTotals, type CloseoutReport, PAY_METHODS, WALLETS, closeoutReportSchema } from '../src/closeout/report-schema.js';
import { type StoreCloseout, type TillFigures, storeCloseoutSchema, tillFiguresSchema } from '../src/store/store-closeout-schema.js';
import { verifyZBody } from '../src/closeout/z-signature.js';
import { publicKeyFromBase64 } from '../src/relay/signing.js';
import type { StoreDatabase } from './db/database.js';
import { type MerchantStatementSource, type TillTerminal, reconcileMerchant } from './merchant-reconciliation.js';

export { type StoreCloseout, type TillFigures, storeCloseoutSchema };

/** The Z record's body as the till journals it (src/closeout/records.ts ZReportBody), parsed on read. */
const zBodySchema = z.object({ report: closeoutReportSchema, closedBy: z.string(), closedByName: z.string().optional() });

/** The figures a till's Z report carries, in the store close-out's shape. */
export function tillFigures(report: CloseoutReport): TillFigures {
  const net = (totals: Record<string, ChannelTotals>) => Object.fromEntries(Object.entries(totals).map(([k, t]) => [k, t.net]));
  const r = report.reconciliation;
  return {
    gross: report.gross,
    refunds: report.refunds,
    cancellations: report.cancellations,
    net: report.net,
    receipts: report.totals.receipts,
    customers: report.totals.customers,
    byMethod: tillFiguresSchema.shape.byMethod.parse(net(report.byMethod)),
    byWallet: tillFiguresSchema.shape.byWallet.parse(net(report.byWallet)),
    vat: { supply: report.vat.supply, taxable: report.vat.taxable, vat: report.vat.vat, taxFree: report.vat.taxFree, total: report.vat.total },
    cash: { expected: report.cash.expected, counted: report.cash.counted, overShort: report.cash.difference, reason: report.cash.reason },
    reconciliation: {
      status: r.status,
      matched: r.matched,
      differences: r.missingAtGateway.length + r.missingInPos.length + r.mismatched.length + r.duplicates.length + r.walletMismatched.length + r.feeMismatched.length,
    },
  };
}

/** Adds figures field by field; a cash count missing on any till leaves the store's counted and over/short open (null). */
export function sumFigures(all: readonly TillFigures[]): TillFigures {
  const add = (a: unknown, b: unknown): unknown => {
    if (typeof a === 'number' && typeof b === 'number') return a + b;
    if (a === null || b === null) return null;
    if (typeof a === 'string' || typeof b === 'string') return a === b ? a : null;
    if (typeof a === 'object' && typeof b === 'object') {
      return Object.fromEntries(Object.keys(a as object).map((k) => [k, add((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])]));
    }
    return a;
  };
  const zero = tillFiguresSchema.parse({
    gross: { count: 0, amount: 0 },
    refunds: { count: 0, amount: 0 },
    cancellations: { count: 0, amount: 0 },
    net: 0,
    receipts: 0,
    customers: 0,
    byMethod: Object.fromEntries(PAY_METHODS.map((m) => [m, 0])),
    byWallet: Object.fromEntries(WALLETS.map((w) => [w, 0])),
    vat: { supply: 0, taxable: 0, vat: 0, taxFree: 0, total: 0 },
    cash: { expected: 0, counted: 0, overShort: 0, reason: null },
    reconciliation: { status: 'done', matched: 0, differences: 0 },
  });
  const summed = all.reduce<unknown>((acc, f) => add(acc, { ...f, cash: { ...f.cash, reason: null }, reconciliation: { ...f.reconciliation, status: f.reconciliation.status === 'done' ? 'done' : null } }), zero);
  const result = summed as TillFigures;
  result.reconciliation.status = (result.reconciliation.status as string | null) === null ? 'unavailable' : 'done';
  return tillFiguresSchema.parse(result);
}

/**
 * The store's 마감정산 (OKPOS closes every POS of the store at once): for one
 * business day, each till's Z as the till closed it (read from its synced
 * journal, never recomputed here, so the store's figures are the tills'
 * own), a till with no Z shown as not closed, and the sums. Each run is kept
 * as a new version, so a late Z makes a newer close-out beside the first.
 */
export class StoreCloseouts {
  constructor(
    private readonly db: StoreDatabase,
    private readonly clock: Clock,
    /** The store's back office at the relay gateway, when one is configured: the merchant's statement comes from it. */
    private readonly merchantStatements: (storeId: string) => MerchantStatementSource | undefined = () => undefined,
  ) {}

  /** Builds the close-out of `businessDate` for `storeId` and keeps it. */
  async close(storeId: string, businessDate: string): Promise<StoreCloseout> {
    const store = (await this.db.query<{ name: string; cutoff_hour: number }>('SELECT name, cutoff_hour FROM stores WHERE store_id = $1', [storeId])).rows[0];
    if (!store) throw new Error(`no store ${storeId}`);
    const tills = (
      await this.db.query<{ till_id: string; public_key: string }>('SELECT till_id, public_key FROM tills WHERE store_id = $1 ORDER BY till_id', [storeId])
    ).rows;
    const zs = await this.db.query<{ till_id: string; body: string; at: string | number; seq: string | number }>(
      `SELECT till_id, body, at, seq FROM journal_records WHERE store_id = $1 AND aggregate_id = $2 AND kind = $3`,
      [storeId, dayAggregate(businessDate), Z_REPORT_KIND],
    );
    const zByTill = new Map(zs.rows.map((row) => {
      const raw: unknown = JSON.parse(row.body);
      return [row.till_id, { raw, body: zBodySchema.parse(raw), at: Number(row.at) }];
    }));
    const lines = tills.map(({ till_id: tillId, public_key: publicKey }) => {
      const zRecord = zByTill.get(tillId);
      if (!zRecord || zRecord.body.report.businessDate !== businessDate) {
        return { tillId, status: 'not-closed' as const, closedAt: null, closedBy: null, chainHead: null, figures: null, refusal: null };
      }
      // The Z counts only when the till's enrolled key signed exactly this Z (src/closeout/z-signature.ts).
      const verdict = verifyZBody(zRecord.raw, publicKeyFromBase64(publicKey));
      if (!verdict.ok) {
        return { tillId, status: 'refused' as const, closedAt: zRecord.at, closedBy: null, chainHead: null, figures: null, refusal: verdict.message };
      }
      const { report } = zRecord.body;
      return {
        tillId,
        status: 'closed' as const,
        closedAt: zRecord.at,
        closedBy: zRecord.body.closedByName || zRecord.body.closedBy,
        chainHead: verdict.head,
        figures: tillFigures(report),
        refusal: null,
      };
    });
    const closed = lines.flatMap((l) => (l.figures ? [l.figures] : []));
    const terminals: TillTerminal[] = lines.flatMap((l) => {
      const report = l.status === 'closed' ? zByTill.get(l.tillId)?.body.report : undefined;
      if (!report) return [];
      const r = report.reconciliation;
      return [{ tillId: l.tillId, terminalId: report.terminalId, reconciledNet: r.status === 'done' ? r.perWallet.reduce((sum, w) => sum + w.net, 0) : null }];
    });
    const merchant = await reconcileMerchant(
      this.merchantStatements(storeId),
      { businessDate, cutoffHour: Number(store.cutoff_hour), now: this.clock.now() },
      terminals,
    );
    return this.db.transaction(async (tx) => {
      // Serialised per store and day by the key: two runs at once get versions n and n+1.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${storeId}/${businessDate}`]);
      const last = (
        await tx.query<{ v: number | null }>('SELECT max(version) AS v FROM store_closeouts WHERE store_id = $1 AND business_date = $2', [storeId, businessDate])
      ).rows[0];
      const closeout: StoreCloseout = {
        storeId,
        storeName: store.name,
        businessDate,
        generatedAt: this.clock.now(),
        version: Number(last?.v ?? 0) + 1,
        tills: lines,
        totals: sumFigures(closed),
        notClosed: lines.filter((l) => l.status === 'not-closed').map((l) => l.tillId),
        refused: lines.filter((l) => l.status === 'refused').map((l) => l.tillId),
        merchant,
      };
      await tx.query(
        'INSERT INTO store_closeouts (store_id, business_date, version, generated_at, body) VALUES ($1, $2, $3, $4, $5)',
        [storeId, businessDate, closeout.version, closeout.generatedAt, JSON.stringify(closeout)],
      );
      return closeout;
    });
  }

  /** The newest kept close-out of the day, if one was made. */
  async latest(storeId: string, businessDate: string): Promise<StoreCloseout | undefined> {
    const row = (
      await this.db.query<{ body: string }>(
        'SELECT body FROM store_closeouts WHERE store_id = $1 AND business_date = $2 ORDER BY version DESC LIMIT 1',
        [storeId, businessDate],
      )
    ).rows[0];
    return row && storeCloseoutSchema.parse(JSON.parse(row.body));
  }

  /** The business date `ms` falls in for the store's cut-off hour. */
  async businessDateOf(storeId: string, ms: number): Promise<string> {
    const row = (await this.db.query<{ cutoff_hour: number }>('SELECT cutoff_hour FROM stores WHERE store_id = $1', [storeId])).rows[0];
    return businessDateAt(ms, row?.cutoff_hour ?? 4);
  }
}
