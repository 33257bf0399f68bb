import type { KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type CloseoutReport, LABELS } from '../../src/closeout/index.js';
import { PAY_METHOD_LABELS } from '../../src/closeout/report-labels.js';
import { EscPosReceiptEncoder, decodeEscPos, decodedText, printerProfile } from '../../native/printer/index.js';
import { displayWidth, formatWon } from '../../src/receipts/index.js';
import { STORE_CLOSEOUT_LABELS, buildStoreCloseoutDocument } from '../../src/store/index.js';
import { printedRows } from '../closeout/printed-report.js';
import { UpstreamCursor } from '../../src/ledger/index.js';
import { silentLogger } from '../../src/platform/logger.js';
import { signRequest } from '../../src/relay/signing.js';
import { STORE_PATHS, storeResultSchema } from '../../src/store/protocol.js';
import { StoreLink } from '../../src/store/store-link.js';
import { StoreSync } from '../../src/store/store-sync.js';
import { type RunningStoreServer, StoreServer } from '../../server/store-server.js';
import { storeCloseoutSchema, sumFigures, tillFigures } from '../../server/store-closeout.js';
import { upsertStore } from '../../server/stores.js';
import { type ClosingTill, MANAGER_PIN, OWNER_PIN, kst, startClosingTill, until } from '../closeout/closing-till.js';
import { walletCode } from '../payments/harness.js';
import { freshPglite } from './test-databases.js';

const answerSchema = z.object({ result: storeResultSchema, closeout: storeCloseoutSchema });
const dirs: string[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
let server: RunningStoreServer;
const tills: Array<ClosingTill & { tillId: string; privateKey: KeyObject; link: StoreLink; sync: StoreSync }> = [];

/** Sets every till's clock (the store server reads the first one's). */
const setTime = (ms: number) => tills.forEach((t) => t.clock.set(ms));

beforeAll(async () => {
  const { db, dispose } = await freshPglite();
  cleanups.push(dispose);
  // The server's clock is the shop's: the first till's (the tills' clocks move together).
  const clock = { now: () => tills[0]!.clock.now(), monotonic: () => tills[0]!.clock.monotonic() };
  server = await new StoreServer({ db, clock }).listen(0);
  cleanups.push(() => server.close());
  for (const tillId of ['POS1', 'POS2']) {
    const dir = mkdtempSync(join(tmpdir(), `pos-store-z-${tillId}-`));
    dirs.push(dir);
    const till = await startClosingTill(dir, kst('2026-01-05T09:00:00'));
    const privateKey = till.key;
    const link = new StoreLink({ baseUrl: server.url, tillId, privateKey, clock: till.clock });
    const sync = new StoreSync({ journal: till.ledger.journal, cursor: new UpstreamCursor(till.ledger.db, till.clock, 'store'), link, logger: silentLogger });
    tills.push(Object.assign(till, { tillId, privateKey, link, sync }));
    cleanups.push(() => till.close());
  }
  await upsertStore(db, clock, { storeId: 'S1', name: '한강분식', enrollmentCode: 'CODE-S1' });
  for (const till of tills) await till.link.register('CODE-S1');
}, 60_000);

afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function ringUp(till: ClosingTill, n: number, price: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const wallet = till.engine.openSale({ lines: [{ name: '김밥', unitPrice: price, quantity: 1, tax: 'taxable' }] });
    expect((await till.engine.payByCode(wallet.saleId, walletCode(Math.floor(Math.random() * 1e9)))).tender.state).toBe('approved');
    const cash = till.engine.openSale({ lines: [{ name: '생수', unitPrice: 1_000, quantity: 2, tax: 'tax-free' }] });
    await till.engine.takeCash(cash.saleId, 2_000);
  }
}

async function zOf(till: ClosingTill, counted: Record<string, number>): Promise<CloseoutReport> {
  await till.closeout.cashCount({ pin: MANAGER_PIN, denominations: counted, reason: '확인' });
  await until(() => till.ledger.outbox.depth() === 0, 'the day synced to the gateway', 10_000);
  return till.closeout.z({ ownerPin: OWNER_PIN, businessDate: '2026-01-05' });
}

// Issue 18 point 4: one 마감정산 for the business day across all tills.
describe("the store's close-out", () => {
  it("shows a till that has not closed as such, then both tills' Zs and their totals, kept as versions, as CSV", async () => {
    await ringUp(tills[0]!, 2, 4_500);
    await ringUp(tills[1]!, 3, 3_000);
    setTime(kst('2026-01-06T01:00:00'));
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

    const z2 = await zOf(tills[1]!, { '1000': 5 });
    await tills[1]!.sync.drain();
    const second = await tills[0]!.link.call('POST', STORE_PATHS.closeout, { businessDate: '2026-01-05' }, answerSchema);
    expect(second.closeout.version).toBe(2);
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
    const bytes = Buffer.from(await (await fetch(server.url + path, { headers: { ...headers } })).arrayBuffer());
    const csv = bytes.toString('utf8');
    expect(csv.startsWith('\uFEFF마감정산,한강분식,2026-01-05,v2\r\n')).toBe(true);
    expect(csv).toContain('POS2,');
    expect(csv).toContain(`매장 합계,,${totals.gross.amount},`);
    expect(csv).toContain('전체 마감');
  }, 90_000);
});

// Issue 18 point 4: the 마감정산 printed on any till's printer.
describe("the store's close-out on a till's printer", () => {
  it('fetches the kept close-out from the store server and prints every till and total figure, on 80 mm and 58 mm paper', async () => {
    const kept = await tills[1]!.link.storeCloseout('2026-01-05');
    expect(kept.version).toBe(2);
    for (const profileId of ['korean-80', 'korean-58'] as const) {
      const profile = printerProfile(profileId);
      const decoded = decodeEscPos(new EscPosReceiptEncoder(profile).encode(buildStoreCloseoutDocument(kept)));
      expect(decoded.warnings).toEqual([]);
      const lines = decodedText(decoded, profile.columns.fontA);
      expect(lines.every((line) => displayWidth(line) <= profile.columns.fontA)).toBe(true);
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
      expect(rows.get(LABELS.vatSection)!.get(LABELS.vat)).toBe(formatWon(kept.totals.vat.vat));
      expect(rows.get(LABELS.vatSection)!.get(LABELS.taxFree)).toBe(formatWon(kept.totals.vat.taxFree));
      expect(rows.get(LABELS.methods)!.get(PAY_METHOD_LABELS.cash)).toBe(formatWon(kept.totals.byMethod.cash));
      expect(rows.has(STORE_CLOSEOUT_LABELS.notClosedList)).toBe(false);
    }
  }, 30_000);
});
