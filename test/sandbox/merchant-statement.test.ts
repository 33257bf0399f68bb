import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { memoryPin } from '../../src/relay/gateway-key.js';
import { RelayClient } from '../../src/relay/relay-client.js';
import { merchantStatementMismatch } from '../../src/relay/answer-echo.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { TERMINAL, payRequest, paymentCode, useSandbox } from './fixture.js';

/** 2026-01-05 10:00 KST. */
const MORNING_KST = Date.UTC(2026, 0, 5, 1, 0, 0);

// Issue 18 point 4: the merchant's statement, every terminal's lines of a KST date (docs/relay-protocol.md).
describe("the sandbox's merchant statement", () => {
  const start = useSandbox();

  it("lists every terminal's lines of the date, each naming its terminal, while a terminal's statement stays its own", async () => {
    const clock = new ManualClock(MORNING_KST);
    const { gateway, client } = await start({ clock });
    const otherKey = generateTerminalKey();
    gateway.registerTerminal('till-02', otherKey);
    const other = new RelayClient({ baseUrl: gateway.url, terminalId: 'till-02', privateKey: otherKey, gatewayKey: memoryPin(gateway.publicKey()), clock });
    const mine = payRequest({ amount: 15_000 });
    const theirs = payRequest({ amount: 8_000, paymentCode: paymentCode('alipay') });
    await client.pay(mine);
    await other.pay(theirs);

    const answer = await client.merchantSettlement('2026-01-05');
    expect(answer.result.code).toBe('SUCCESS');
    expect(answer.statement).toMatchObject({ merchantId: 'M-SANDBOX-0001', businessDate: '2026-01-05' });
    expect(answer.statement!.lines.map((l) => [l.terminalId, l.type, l.paymentRequestId, l.amount.value, l.fee.value, l.net.value])).toEqual([
      [TERMINAL, 'PAYMENT', mine.paymentRequestId, '15000', '300', '14700'],
      ['till-02', 'PAYMENT', theirs.paymentRequestId, '8000', '160', '7840'],
    ]);
    expect((await client.settlement('2026-01-05')).statement!.lines.map((l) => l.paymentRequestId)).toEqual([mine.paymentRequestId]);
    expect((await client.merchantSettlement('2026-01-06')).result).toMatchObject({ status: 'F', code: 'SETTLEMENT_NOT_READY' });
  });

  it('is believed only when it is the statement of the date asked for', () => {
    const statement = { merchantId: 'M1', businessDate: '2026-01-04', lines: [] };
    expect(merchantStatementMismatch(statement, '2026-01-05')).toBe('the statement is of 2026-01-04, not 2026-01-05');
    expect(merchantStatementMismatch({ ...statement, businessDate: '2026-01-05' }, '2026-01-05')).toBeUndefined();
    expect(merchantStatementMismatch(undefined, '2026-01-05')).toBeUndefined();
  });
});
