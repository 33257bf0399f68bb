import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LABELS } from '../../src/closeout/index.js';
import { CHANNEL_LABELS, PAY_METHOD_LABELS, counted } from '../../src/closeout/report-labels.js';
import { PAY_METHODS, WALLETS } from '../../src/closeout/report-schema.js';
import { formatWon } from '../../src/receipts/index.js';
import { STORE_CLOSEOUT_LABELS } from '../../src/store/index.js';
import { printedRows } from '../closeout/printed-report.js';
import { signRequest } from '../../src/relay/signing.js';
import { STORE_PATHS, storeResultSchema } from '../../src/store/protocol.js';
import { storeCloseoutSchema, sumFigures, tillFigures } from '../../server/store-closeout.js';
import { CASHIER_PIN, MANAGER_PIN, kst, staff, until } from '../closeout/closing-till.js';
import type { ServiceSet } from '../../main/compose.js';
import { closeoutHandlers } from '../../main/handlers/closeout.js';
import { tillReceipts } from '../../main/services/receipt-printing.js';
import { TrainingPrinter } from '../../native/printer/printer-factory.js';
import { type ContractHandlers, createDispatcher } from '../../src/api/index.js';
import { silentLogger } from '../../src/platform/logger.js';
import type { StoreLink } from '../../src/store/store-link.js';
import { type StoreTill, type StoreWithTills, closeTillDay, ringUp, startStoreWithTills } from './store-with-tills.js';
import { printedStoreCloseout } from './printed-store-closeout.js';

const answerSchema = z.object({ result: storeResultSchema, closeout: storeCloseoutSchema });
let store: StoreWithTills;
let tills: StoreTill[];

beforeAll(async () => {
  store = await startStoreWithTills(['POS1', 'POS2'], kst('2026-01-05T09:00:00'));
  tills = store.tills;
}, 60_000);

afterAll(() => store?.close());

const zOf = (till: StoreTill, counted: Record<string, number>) => closeTillDay(till, '2026-01-05', counted);

// Issue 18 point 4: one 마감정산 for the business day across all tills.
describe("the store's close-out", () => {
  it("shows a till that has not closed as such, then both tills' Zs and their totals, kept as versions, as CSV", async () => {
    await ringUp(tills[0]!, 2, 4_500);
    await ringUp(tills[1]!, 3, 3_000);
    store.setTime(kst('2026-01-06T01:00:00'));
    const z1 = await zOf(tills[0]!, { '1000': 4 });
    for (const till of tills) expect((await till.sync.drain()).failed).toBe(false);

    const first = await tills[1]!.link.call('POST', STORE_PATHS.closeout, { businessDate: '2026-01-05' }, answerSchema);
    expect(first.closeout.version).toBe(1);
    expect(first.closeout.tills.map((t) => [t.tillId, t.status])).toEqual([
      ['POS1', 'closed'],
      ['POS2', 'not-closed'],
    ]);
    expect(first.closeout.notClosed).toEqual(['POS2']);
    expect(first.closeout.tills[0]!.figures).toEqual(tillFigures(z1));
    expect(first.closeout.tills[0]!.chainHead).toEqual(z1.chainHead);
    expect(first.closeout.totals).toEqual(sumFigures([tillFigures(z1)]));

    // POS2's statement books a wallet payment its journal does not know: its Z's reconciliation (src/closeout's rules) names it.
    await tills[1]!.plant({ add: [{ paymentRequestId: 'PLANTED-0001', wallet: 'wechat-pay', amount: 1_000, at: '2026-01-05T03:00:00Z' }] });
    const z2 = await zOf(tills[1]!, { '1000': 5 });
    expect(z2.reconciliation.missingInPos.map((l) => l.paymentRequestId)).toEqual(['PLANTED-0001']);
    await tills[1]!.sync.drain();
    const second = await tills[0]!.link.call('POST', STORE_PATHS.closeout, { businessDate: '2026-01-05' }, answerSchema);
    expect(second.closeout.version).toBe(2);
    // The store's reconciliation: each till's against its terminal's statement, and the store's sum.
    expect(second.closeout.tills.map((t) => t.figures!.reconciliation)).toEqual([
      { status: 'done', matched: z1.reconciliation.matched, differences: 0 },
      { status: 'done', matched: z2.reconciliation.matched, differences: 1 },
    ]);
    expect(second.closeout.totals.reconciliation).toEqual({ status: 'done', matched: z1.reconciliation.matched + z2.reconciliation.matched, differences: 1 });
    expect(second.closeout.notClosed).toEqual([]);
    const { totals } = second.closeout;
    expect(totals.net).toBe(z1.net + z2.net);
    expect(totals.net).toBe(2 * 4_500 + 2 * 2_000 + 3 * 3_000 + 3 * 2_000);
    expect(totals.vat).toEqual({
      supply: z1.vat.supply + z2.vat.supply,
      taxable: z1.vat.taxable + z2.vat.taxable,
      vat: z1.vat.vat + z2.vat.vat,
      taxFree: z1.vat.taxFree + z2.vat.taxFree,
      total: z1.vat.total + z2.vat.total,
    });
    expect(totals.byMethod.cash).toBe(z1.byMethod.cash.net + z2.byMethod.cash.net);
    // Cash per drawer: POS1 expected 4,000 counted 4,000; POS2 expected 6,000 counted 5,000.
    expect(second.closeout.tills.map((t) => t.figures!.cash.overShort)).toEqual([0, -1_000]);
    expect(totals.cash).toMatchObject({ expected: 10_000, counted: 9_000, overShort: -1_000 });

    const kept = await tills[0]!.link.call('GET', `${STORE_PATHS.closeout}?date=2026-01-05`, undefined, answerSchema);
    expect(kept.closeout).toEqual(second.closeout);
    const path = `${STORE_PATHS.closeout}?date=2026-01-05&format=csv`;
    const headers = signRequest(tills[0]!.privateKey, 'POS1', { method: 'GET', pathWithQuery: path, body: '' }, tills[0]!.clock.now());
    const bytes = Buffer.from(await (await fetch(store.running.url + path, { headers: { ...headers } })).arrayBuffer());
    const csv = bytes.toString('utf8');
    expect(csv.startsWith('\uFEFF마감정산,한강분식,2026-01-05,v2\r\n')).toBe(true);
    expect(csv).toContain('POS2,');
    expect(csv).toContain(`매장 합계,,${totals.gross.amount},`);
    // 정산 대사 차이, the column before 마감: POS2's one difference, and the store's.
    expect(csv).toMatch(/\r\n포스별,POS2,.*,1,마감[^\r]*\r\n매장 합계,.*,1,전체 마감/);
    expect(csv).toContain('전체 마감');
    // The columns say what the Z and the store's paper say (src/closeout/report-labels.ts).
    expect(csv.split('\r\n')[1]).toContain([...PAY_METHODS.map((m) => PAY_METHOD_LABELS[m]), ...WALLETS.map((w) => `간편결제 ${CHANNEL_LABELS[w]}`)].join(','));
  }, 90_000);
});

// Issue 18 point 4: the 마감정산 printed on any till's printer.
describe("the store's close-out on a till's printer", () => {
  it('fetches the kept close-out from the store server and prints every till and total figure, on 80 mm and 58 mm paper', async () => {
    const kept = await tills[1]!.link.storeCloseout('2026-01-05');
    expect(kept.version).toBe(2);
    for (const profileId of ['korean-80', 'korean-58'] as const) {
      const lines = printedStoreCloseout(kept, profileId);
      const rows = printedRows(lines);
      expect(lines.some((line) => line.includes(STORE_CLOSEOUT_LABELS.title))).toBe(true);
      expect(rows.get('')!.get(LABELS.storeName)).toBe('한강분식');
      expect(rows.get('')!.get(LABELS.businessDate)).toBe('2026-01-05');
      for (const till of kept.tills) {
        const section = rows.get(`[${STORE_CLOSEOUT_LABELS.till} ${till.tillId}]`)!;
        expect(section.get(LABELS.net)).toBe(formatWon(till.figures!.net));
        expect(section.get(`${LABELS.gross} ${till.figures!.gross.count}${LABELS.count}`)).toBe(formatWon(till.figures!.gross.amount));
        expect(section.get(LABELS.difference)).toBe(formatWon(till.figures!.cash.overShort!));
      }
      const total = rows.get(STORE_CLOSEOUT_LABELS.total)!;
      expect(total.get(LABELS.net)).toBe(formatWon(kept.totals.net));
      expect(total.get(LABELS.difference)).toBe(formatWon(-1_000));
      // 정산 대사 (its value has a space, so read as lines): POS1 none, POS2 and the store one difference.
      const reconciled = lines.filter((line) => line.trimStart().startsWith(LABELS.reconciliation)).map((line) => line.trimEnd().endsWith(`${LABELS.differences} ${counted(1)}`));
      expect(reconciled).toEqual([false, true, true]);
      expect(rows.get(LABELS.vatSection)!.get(LABELS.vat)).toBe(formatWon(kept.totals.vat.vat));
      expect(rows.get(LABELS.vatSection)!.get(LABELS.taxFree)).toBe(formatWon(kept.totals.vat.taxFree));
      expect(rows.get(LABELS.methods)!.get(PAY_METHOD_LABELS.cash)).toBe(formatWon(kept.totals.byMethod.cash));
      expect(rows.has(STORE_CLOSEOUT_LABELS.notClosedList)).toBe(false);
    }
  }, 30_000);
});

// Issue 18 point 4: "printed on any till's printer": the close-out screen's contract row, through the print queue to the virtual printer.
describe("closeout.printStore, the store's close-out through a till's contract", () => {
  it("prints the kept close-out for a manager's PIN and refuses a cashier's, an impossible date, a day not kept, and a till with no store", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-store-print-'));
    const printer = await TrainingPrinter.start({ dataDir: dir, profileId: 'korean-80', clock: tills[1]!.clock, logger: silentLogger });
    try {
      const contract = (storeLink: StoreLink | undefined) => {
        const services = { till: { staff, storeLink, receipts: tillReceipts(undefined, printer.printer) } } as unknown as ServiceSet;
        const dispatcher = createDispatcher({ handlers: closeoutHandlers(services) as unknown as ContractHandlers, validateResults: true, logger: silentLogger });
        return (input: unknown) => dispatcher.call('closeout.printStore', input, { role: 'cashier', transport: 'bridge' });
      };
      const call = contract(tills[1]!.link);
      expect(await call({ businessDate: '2026-01-05' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await call({ businessDate: '2026-02-30', managerPin: MANAGER_PIN })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await call({ businessDate: '2026-01-05', managerPin: CASHIER_PIN })).toMatchObject({ ok: false, error: { code: 'role-too-low' } });
      expect(await call({ businessDate: '2026-01-04', managerPin: MANAGER_PIN })).toMatchObject({ ok: false, error: { code: 'store-closeout-not-found' } });
      expect(await contract(undefined)({ businessDate: '2026-01-05', managerPin: MANAGER_PIN })).toMatchObject({ ok: false, error: { code: 'store-not-configured' } });
      expect(printer.receipts()).toEqual([]);

      const kept = await tills[1]!.link.storeCloseout('2026-01-05');
      expect(await call({ businessDate: '2026-01-05', managerPin: MANAGER_PIN })).toEqual({ ok: true, result: { state: 'printed', version: kept.version, notClosed: [] } });
      await until(() => printer.receipts().length === 1, 'the store close-out on paper');
      const rows = printedRows(printer.receipts()[0]!.lines);
      expect(printer.receipts()[0]!.lines.some((line) => line.includes(STORE_CLOSEOUT_LABELS.title))).toBe(true);
      expect(rows.get('')!.get(STORE_CLOSEOUT_LABELS.version)).toBe(`v${kept.version}`);
      for (const till of kept.tills) expect(rows.get(`[${STORE_CLOSEOUT_LABELS.till} ${till.tillId}]`)!.get(LABELS.net)).toBe(formatWon(till.figures!.net));
      expect(rows.get(STORE_CLOSEOUT_LABELS.total)!.get(LABELS.net)).toBe(formatWon(kept.totals.net));
    } finally {
      await printer.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
