import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryPin } from '../../src/relay/gateway-key.js';
import { RelayClient } from '../../src/relay/relay-client.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { formatWon } from '../../src/receipts/index.js';
import { STORE_CLOSEOUT_LABELS } from '../../src/store/index.js';
import type { StatementPlants } from '../../sandbox/statement-plants.js';
import { reconcileMerchant } from '../../server/merchant-reconciliation.js';
import { formatWon as dashboardWon } from '../../server/dashboard/i18n/index.js';
import { StoreCloseouts } from '../../server/store-closeout.js';
import { storeCloseoutCsv } from '../../server/store-closeout-csv.js';
import { kst } from '../closeout/closing-till.js';
import { printedRows } from '../closeout/printed-report.js';
import { type StoreTill, type StoreWithTills, closeTillDay, ringUp, startStoreWithTills } from './store-with-tills.js';
import { dashboardVisitor } from './dashboard-client.js';
import { printedStoreCloseout } from './printed-store-closeout.js';

let store: StoreWithTills;
let pos1: StoreTill;

beforeAll(async () => {
  store = await startStoreWithTills(['POS1', 'POS2'], kst('2026-01-05T09:00:00'));
  pos1 = store.tills[0]!;
}, 60_000);

afterAll(() => store?.close());

/** Plants bookings on any terminal of POS1's gateway (the merchant's). */
async function plant(plants: StatementPlants): Promise<void> {
  const answer = await fetch(`${pos1.sandbox.url}/sandbox/admin/statement-plants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(plants),
  });
  expect(answer.ok).toBe(true);
}

/** The store's back office enrolled at the gateway as a terminal of the merchant that takes no payments. */
function backOffice(): RelayClient {
  const key = generateTerminalKey();
  pos1.sandbox.registerTerminal('S1-OFFICE', key);
  return new RelayClient({ baseUrl: pos1.sandbox.url, terminalId: 'S1-OFFICE', privateKey: key, gatewayKey: memoryPin(pos1.sandbox.publicKey()), clock: pos1.clock });
}

// Issue 18 point 4: the store's reconciliation against the gateway's settlement statement for the merchant.
describe("the store's close-out against the merchant's statement", () => {
  it('lists every line no till accounts for (unknown terminal, duplicate, fee) and the net the gateway settles beyond the tills', async () => {
    await ringUp(pos1, 2, 4_500);
    store.setTime(kst('2026-01-06T01:00:00'));
    const z1 = await closeTillDay(pos1, '2026-01-05', { '1000': 4 });
    expect(z1.reconciliation.status).toBe('done');
    await pos1.sync.drain();
    const office = backOffice();
    const own = (await office.merchantSettlement('2026-01-05')).statement!.lines;
    expect(own.map((l) => l.terminalId)).toEqual(['T01', 'T01']);
    const charged = own[0]!;

    await plant({ terminalId: 'T99', add: [{ paymentRequestId: 'PLANT-UNKNOWN', wallet: 'alipay', amount: 7_000, at: '2026-01-05T03:00:00Z' }] });
    await plant({ terminalId: 'T98', add: [{ paymentRequestId: charged.paymentRequestId, wallet: charged.wallet, amount: Number(charged.amount.value), at: '2026-01-05T04:00:00Z' }] });
    await plant({ terminalId: 'T99', add: [{ paymentRequestId: 'PLANT-FEE', wallet: 'wechat-pay', amount: 10_000, fee: 200, net: 9_000, at: '2026-01-05T05:00:00Z' }] });
    // 03:00 KST on the 5th is the 4th's business day (cut-off 04:00): not the store's day.
    await plant({ terminalId: 'T99', add: [{ paymentRequestId: 'PLANT-BEFORE', wallet: 'alipay', amount: 3_000, at: '2026-01-04T18:00:00Z' }] });

    const closeout = await new StoreCloseouts(store.db, pos1.clock, () => office).close('S1', '2026-01-05');
    const merchant = closeout.merchant!;
    const tillNet = z1.reconciliation.perWallet.reduce((sum, w) => sum + w.net, 0);
    const duplicateNet = Number(charged.net.value);
    expect(merchant).toMatchObject({ status: 'done', reason: null, merchantId: 'M-SANDBOX-0001', statementDates: ['2026-01-05', '2026-01-06'], lines: 5, tillsNet: tillNet });
    expect(merchant.unmatched.map((l) => [l.kind, l.terminalId, l.paymentRequestId, l.net])).toEqual([
      ['unknown-terminal', 'T99', 'PLANT-UNKNOWN', 7_000 - 140],
      ['duplicate', 'T98', charged.paymentRequestId, duplicateNet],
      ['fee', 'T99', 'PLANT-FEE', 9_000],
      ['unknown-terminal', 'T99', 'PLANT-FEE', 9_000],
    ]);
    expect(merchant.unmatched[1]!.paymentId).toBe(`PLANTED-${charged.paymentRequestId}`);
    expect(merchant.netDifference).toBe(7_000 - 140 + duplicateNet + 9_000);
    expect(merchant.net).toBe(tillNet + merchant.netDifference);
    expect(merchant.terminals).toEqual([
      { terminalId: 'T01', tillId: 'POS1', lines: 2, net: tillNet, tillNet },
      { terminalId: 'T98', tillId: null, lines: 1, net: duplicateNet, tillNet: null },
      { terminalId: 'T99', tillId: null, lines: 2, net: 7_000 - 140 + 9_000, tillNet: null },
    ]);
    // Kept as the close-out's version, as the rest of it is.
    expect((await new StoreCloseouts(store.db, pos1.clock).latest('S1', '2026-01-05'))?.merchant).toEqual(merchant);

    // The owner's dashboard shows the kept close-out's reconciliation with the merchant.
    await store.dashboard.accounts.upsert({ login: 'kim', displayName: '김사장', role: 'owner', password: 'a long passphrase', storeIds: ['S1'] });
    const owner = dashboardVisitor(store.running.url);
    expect((await owner.signIn('kim', 'a long passphrase')).status).toBe(303);
    const page = await (await owner.get('/dashboard/closeout?store=S1&date=2026-01-05&lang=ko')).text();
    const section = page.slice(page.indexOf('data-testid="closeout-merchant"'));
    expect(section).toContain('가맹점 정산 대사');
    expect(section).toContain(dashboardWon(merchant.netDifference, 'ko'));
    for (const row of ['미등록 단말</td><td>T99</td><td>PLANTED-PLANT-UNKNOWN', '중복 청구</td><td>T98', '수수료/정산액 오류</td><td>T99</td><td>PLANTED-PLANT-FEE']) expect(section).toContain(row);

    const csv = storeCloseoutCsv(closeout);
    expect(csv).toContain(`\r\n가맹점 정산 대사,M-SANDBOX-0001,${merchant.net},${tillNet},${merchant.netDifference}\r\n`);
    expect(csv).toContain(`\r\n가맹점 대사 차이,미등록 단말,T99,PLANTED-PLANT-UNKNOWN,PAYMENT,PLANT-UNKNOWN,,7000,140,6860,`);
    expect(csv).toContain(`\r\n가맹점 대사 차이,중복 청구,T98,PLANTED-${charged.paymentRequestId},PAYMENT,${charged.paymentRequestId},,`);
    expect(csv).toContain(`\r\n가맹점 대사 차이,수수료/정산액 오류,T99,PLANTED-PLANT-FEE,PAYMENT,PLANT-FEE,,10000,200,9000,`);

    for (const profileId of ['korean-80', 'korean-58'] as const) {
      const lines = printedStoreCloseout(closeout, profileId);
      const L = STORE_CLOSEOUT_LABELS;
      const section = printedRows(lines).get(L.merchant)!;
      expect(section.get(L.statementNet)).toBe(formatWon(merchant.net));
      expect(section.get(L.tillsNet)).toBe(formatWon(tillNet));
      expect(section.get(L.netDifference)).toBe(formatWon(merchant.netDifference));
      expect(section.get(`${L.unmatched['unknown-terminal']} T99`)).toBe(formatWon(9_000));
      expect(section.get(`${L.unmatched.duplicate} T98`)).toBe(formatWon(duplicateNet));
      expect(section.get(`${L.unmatched.fee} T99`)).toBe(formatWon(9_000));
      expect(lines.filter((line) => line.includes('PLANTED-PLANT-FEE'))).toHaveLength(2);
    }
  }, 90_000);

  it("lists a closed till's terminal lines as unreconciled when its Z could not reconcile them (closed offline)", async () => {
    const day = { businessDate: '2026-01-05', cutoffHour: 4, now: pos1.clock.now() };
    const merchant = await reconcileMerchant(backOffice(), day, [{ tillId: 'POS1', terminalId: 'T01', reconciledNet: null }]);
    const t01 = merchant.unmatched.filter((l) => l.terminalId === 'T01');
    expect(t01.map((l) => l.kind)).toEqual(['unreconciled', 'unreconciled']);
    expect(merchant.terminals[0]).toMatchObject({ terminalId: 'T01', tillId: 'POS1', lines: 2, tillNet: null });
    expect(merchant.tillsNet).toBe(0);
  }, 30_000);

  it('lets no till claim a terminal another accepted Z names too: its lines are listed, not matched', async () => {
    const day = { businessDate: '2026-01-05', cutoffHour: 4, now: pos1.clock.now() };
    const claims = [
      { tillId: 'POS1', terminalId: 'T01', reconciledNet: 1_000 },
      { tillId: 'POS2', terminalId: 'T01', reconciledNet: 2_000 },
    ];
    const merchant = await reconcileMerchant(backOffice(), day, claims);
    expect(merchant.unmatched.filter((l) => l.terminalId === 'T01').map((l) => l.kind)).toEqual(['unreconciled', 'unreconciled']);
    expect(merchant.terminals[0]).toMatchObject({ terminalId: 'T01', tillId: 'POS1,POS2', lines: 2, tillNet: null });
    expect(merchant.tillsNet).toBe(3_000);
  }, 30_000);

  it('says the reconciliation is unavailable, and why, when the store has no gateway, the gateway does not answer or an answer is not signed by it', async () => {
    const none = await new StoreCloseouts(store.db, pos1.clock).close('S1', '2026-01-05');
    expect(none.merchant).toMatchObject({ status: 'unavailable', reason: 'no relay gateway is configured for the store', unmatched: [] });
    const unreachable = new RelayClient({ baseUrl: 'http://127.0.0.1:9', terminalId: 'S1-OFFICE', privateKey: generateTerminalKey(), gatewayKey: memoryPin(pos1.sandbox.publicKey()), clock: pos1.clock, retry: { attempts: 1 } });
    const down = await new StoreCloseouts(store.db, pos1.clock, () => unreachable).close('S1', '2026-01-05');
    expect(down.merchant).toMatchObject({ status: 'unavailable', reason: 'merchant statement 2026-01-05: gateway unreachable (connection)' });
    // A statement that names planted lines but that the pinned gateway key did not sign is never believed.
    const forger = createServer((_req, res) => {
      const line = { type: 'PAYMENT', paymentId: 'X1', paymentRequestId: 'FORGED-1', wallet: 'alipay', amount: { currency: 'KRW', value: '9000' }, fee: { currency: 'KRW', value: '0' }, net: { currency: 'KRW', value: '9000' }, at: '2026-01-05T03:00:00.000Z', terminalId: 'T77' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: { status: 'S', code: 'SUCCESS', message: '' }, statement: { merchantId: 'M-SANDBOX-0001', businessDate: '2026-01-05', lines: [line] } }));
    });
    await new Promise<void>((listening) => forger.listen(0, '127.0.0.1', listening));
    try {
      const { port } = forger.address() as AddressInfo;
      const forged = new RelayClient({ baseUrl: `http://127.0.0.1:${port}`, terminalId: 'S1-OFFICE', privateKey: generateTerminalKey(), gatewayKey: memoryPin(pos1.sandbox.publicKey()), clock: pos1.clock, retry: { attempts: 1 } });
      const refused = await new StoreCloseouts(store.db, pos1.clock, () => forged).close('S1', '2026-01-05');
      expect(refused.merchant).toMatchObject({ status: 'unavailable', reason: 'merchant statement 2026-01-05: gateway unreachable (unauthenticated-answer)', unmatched: [] });
    } finally {
      await new Promise((closed) => forger.close(closed));
    }
    const csv = storeCloseoutCsv(down);
    expect(csv).toContain('\r\n가맹점 정산 대사,대사 불가,merchant statement 2026-01-05: gateway unreachable (connection)\r\n');
  }, 30_000);
});
