import type { CloseoutReport } from '../../src/closeout/index.js';
import type { TaxClass } from '../../src/money/index.js';
import { OfflineRefusedError } from '../../src/payments/errors.js';
import { walletCode } from '../payments/harness.js';
import { CASHIER_PIN, type ClosingTill, MANAGER_PIN, kst, until } from './closing-till.js';

/**
 * One business day at a counter, rung up through the real payment engine
 * against the sandbox: cash, three wallets and UnionPay by code and by QR,
 * a split payment, a wallet and a cash void, a partial refund, a network
 * cancellation, a crash in the middle of a payment, an outage with an
 * offline QR payment, a pay-out, and sales after midnight. Returns the
 * tender ids the tests refer to and an X report taken during the outage.
 */

const codes = {
  wechat: (n: number, magic = '7777') => walletCode(n, magic),
  alipay: (n: number) => `28${String(n).padStart(18, '0')}7777`,
  unionpay: (n: number) => `62${String(n).padStart(13, '0')}7777`,
  zeropay: (n: number) => `ZP${String(n).padStart(10, '0')}7777`,
};

function cart(...lines: Array<[price: number, tax?: TaxClass]>) {
  return { lines: lines.map(([unitPrice, tax = 'taxable'], i) => ({ name: `상품${i + 1}`, unitPrice, quantity: 1, tax })) };
}

/** The customer's phone pays through the sandbox's customer page (a shop QR by its request id, or an offline QR by its payload). */
export async function customerPays(till: ClosingTill, body: Record<string, unknown>): Promise<void> {
  const answer = await fetch(`${till.sandbox.url}/sandbox/customer/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ terminalId: 'T01', ...body }),
  });
  if (!answer.ok) throw new Error(`customer payment failed: ${await answer.text()}`);
}

/** Rings up the day; the clock ends at 00:45 KST the next calendar day. */
export async function ringUpDay(till: ClosingTill): Promise<{ ids: Record<string, string>; duringOutage: CloseoutReport }> {
  const { clock } = till;
  const at = (time: string) => clock.set(kst(time));
  const ids: Record<string, string> = {};
  const engine = () => till.engine;
  const sale = (c: ReturnType<typeof cart>) => engine().openSale(c).saleId;
  const byCode = async (name: string, saleId: string, code: string, amount?: number) => {
    const outcome = await engine().payByCode(saleId, code, amount);
    ids[name] = outcome.tender.tenderId;
    return outcome;
  };
  const stateOf = (name: string) => engine().store.tender(ids[name]!)?.state;

  at('2026-01-05T09:00:00');
  await engine().cashMovement('float', 100_000, '시재 준비금', CASHIER_PIN);
  at('2026-01-05T09:10:00');
  ids.A = (await engine().takeCash(sale(cart([3_500], [3_500])), 10_000)).tender.tenderId;
  at('2026-01-05T10:05:00');
  await byCode('B', sale(cart([10_000], [2_000, 'tax-free'])), codes.wechat(1));
  at('2026-01-05T11:20:00');
  await byCode('C', sale(cart([4_400])), codes.zeropay(2));
  at('2026-01-05T12:30:00');
  const saleD = sale(cart([23_000]));
  const qr = await engine().showPaymentQr(saleD);
  await customerPays(till, { paymentRequestId: qr.tenderId, wallet: 'alipay' });
  ids.D = (await qr.outcome).tender.tenderId;
  at('2026-01-05T13:15:00');
  const saleE = sale(cart([13_000]));
  ids.E1 = (await engine().takeCash(saleE, 5_000)).tender.tenderId;
  await byCode('E2', saleE, codes.unionpay(3));
  at('2026-01-05T14:40:00');
  await byCode('F', sale(cart([9_900])), codes.wechat(4));
  await engine().refund({ tenderId: ids.F!, managerPin: MANAGER_PIN, reason: '주문 취소' });
  at('2026-01-05T15:05:00');
  await byCode('G', sale(cart([20_000], [10_000, 'tax-free'])), codes.alipay(5));
  await engine().refund({ tenderId: ids.G!, amount: 7_000, managerPin: MANAGER_PIN, reason: '부분 반품' });
  at('2026-01-05T16:30:00');
  ids.H = (await engine().takeCash(sale(cart([3_000])), 3_000)).tender.tenderId;
  await engine().refund({ tenderId: ids.H, managerPin: MANAGER_PIN, reason: '주문 취소' }); // whole, the same day: a void

  // 17:45 the wallet never answers: inquiries run out and the payment is reversed (망취소); the customer pays cash.
  at('2026-01-05T17:45:00');
  const saleJ = sale(cart([6_000]));
  const paying = byCode('J', saleJ, codes.wechat(6, '0096'));
  await until(() => engine().store.tendersOfSale(saleJ).some((t) => t.state === 'inquiring'), 'J inquiring');
  clock.advance(1_000);
  await paying;
  await until(() => stateOf('J') === 'reversed', 'J reversed');
  ids.J2 = (await engine().takeCash(saleJ, 6_000)).tender.tenderId;

  // 19:00 the till crashes while the customer types a wallet password; it restarts from the journal.
  at('2026-01-05T19:00:00');
  const saleK = sale(cart([15_000]));
  const crashed = engine().payByCode(saleK, codes.wechat(7, '0091')).catch(() => undefined);
  await until(() => engine().store.tendersOfSale(saleK).some((t) => t.state === 'inquiring'), 'K inquiring');
  ids.K = engine().store.tendersOfSale(saleK)[0]!.tenderId;
  clock.advance(200);
  await till.restart();
  await crashed;

  // 20:00 the network goes down: a code payment ends in a reversal, code payments are refused, an offline QR and cash go on.
  at('2026-01-05T20:00:00');
  till.sandbox.setFaults({ rules: [{ fault: 'drop-before' }] });
  const saleL = sale(cart([5_500]));
  const lost = byCode('L', saleL, codes.zeropay(8));
  await until(() => engine().store.tendersOfSale(saleL).some((t) => t.state === 'inquiring') && till.gateway.connectivity() === 'offline', 'L inquiring offline');
  clock.advance(1_000);
  await lost;
  at('2026-01-05T20:10:00');
  const saleM = sale(cart([18_000]));
  const refused = await engine().payByCode(saleM, codes.wechat(9)).catch((error: unknown) => error);
  if (!(refused instanceof OfflineRefusedError)) throw new Error('a code payment was taken while offline');
  const offline = await engine().showPaymentQr(saleM);
  await customerPays(till, { qrPayload: offline.qrPayload, wallet: 'wechat-pay' });
  ids.M = engine().settleOfflineQr(offline.tenderId, true).tender.tenderId;
  at('2026-01-05T20:20:00');
  ids.N = (await engine().takeCash(sale(cart([2_500])), 5_000)).tender.tenderId;
  const duringOutage = await till.closeout.x({ reconcile: true });
  till.sandbox.setFaults({ rules: [] });
  await until(() => stateOf('M') === 'approved' && stateOf('L') === 'reversed' && till.ledger.outbox.depth() === 0, 'recovery after the outage', 10_000);
  // The customer of L pays cash once the reversal is acknowledged: until then the sale holds L's amount.
  ids.L2 = (await engine().takeCash(saleL, 5_500)).tender.tenderId;

  at('2026-01-05T21:00:00');
  await engine().cashMovement('pay-out', 10_000, '배달 기사 지급', MANAGER_PIN);
  // Past midnight: still the 5th's business day (cut-off 04:00), but the gateway books these on the 6th.
  at('2026-01-06T00:40:00');
  ids.P = (await engine().takeCash(sale(cart([4_000])), 4_000)).tender.tenderId;
  at('2026-01-06T00:45:00');
  await byCode('Q', sale(cart([8_800])), codes.zeropay(10));
  await until(() => till.ledger.outbox.depth() === 0, 'the day synced');
  return { ids, duringOutage };
}
