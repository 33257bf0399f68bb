import { afterEach, describe, expect, it } from 'vitest';
import { AMENDMENT_KIND, dayAggregate, reportCsv } from '../../src/closeout/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { type ClosingTill, OWNER_PIN, kst, startClosingTill, until } from './closing-till.js';
import { printedLines, printedRows } from './printed-report.js';

const tempDir = useTempDir('pos-closeout-amend-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

const amendmentsOf = (t: ClosingTill, date: string) => t.ledger.journal.forAggregate(dayAggregate(date)).filter((r) => r.kind === AMENDMENT_KIND);

describe('a day closed offline, reconciled when the gateway answers again (issue 15, Deliver 2)', () => {
  it('records the late reconciliation once as an amendment beside the unchanged Z, books it on the day it is made and lets the owner resolve its differences', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T10:00:00'));
    const { engine, closeout, clock, sandbox } = till;
    const paid = [];
    for (const [n, price] of [[1, 12_000], [2, 8_000]] as const) {
      clock.set(kst(`2026-03-10T1${n}:00:00`));
      paid.push(await engine.payByCode(engine.openSale({ lines: [{ name: '안주', unitPrice: price, quantity: 1, tax: 'taxable' }] }).saleId, walletCode(n)));
    }
    await until(() => till!.ledger.outbox.depth() === 0, 'synced');
    // The gateway also holds a charge the till never made, at 15:00.
    await till.plant({ add: [{ paymentRequestId: 'T01-P-STRAY', wallet: 'zeropay', amount: 5_000, at: new Date(kst('2026-03-10T15:00:00')).toISOString() }] });

    // 22:00: the network is down, the owner closes anyway.
    clock.set(kst('2026-03-10T22:00:00'));
    sandbox.setFaults({ rules: [{ fault: 'drop-before' }] });
    const z = await closeout.z({ ownerPin: OWNER_PIN });
    expect(z.reconciliation.status).toBe('unavailable');
    // Still offline the next morning: nothing to amend yet.
    clock.set(kst('2026-03-11T09:00:00'));
    await closeout.x({ reconcile: true });
    expect(amendmentsOf(till, '2026-03-10')).toHaveLength(0);

    // Back online: the owner's next reconciliation of today reconciles the 10th too.
    sandbox.setFaults({ rules: [] });
    clock.set(kst('2026-03-11T10:00:00'));
    // The Z waiting in the outbox is what finds the gateway again.
    await until(() => till!.ledger.outbox.depth() === 0 && till!.gateway.connectivity() === 'online', 'back online', 10_000);
    const today = await closeout.x({ reconcile: true });
    expect(amendmentsOf(till, '2026-03-10')).toHaveLength(1);
    expect(today.corrections).toEqual([expect.objectContaining({ kind: 'reconciliation-amendment', businessDate: '2026-03-10', amount: 0 })]);

    const tenth = await closeout.x({ businessDate: '2026-03-10', reconcile: true });
    // The Z is the one closed: the same record, its reconciliation still unavailable.
    expect(tenth.closing).toEqual(z.closing);
    expect(tenth.reconciliation).toEqual(z.reconciliation);
    expect(tenth.amendment).toMatchObject({ businessDate: '2026-03-10', bookedOn: '2026-03-11', at: kst('2026-03-11T10:00:00') });
    expect(tenth.amendment!.reconciliation).toMatchObject({ status: 'done', matched: 2, missingAtGateway: [], mismatched: [] });
    expect(tenth.amendment!.reconciliation.missingInPos.map((i) => [i.paymentRequestId, i.gatewayAmount])).toEqual([['T01-P-STRAY', 5_000]]);
    // Asked again, it is not made twice.
    await closeout.reconcile('2026-03-10');
    await closeout.x({ reconcile: true });
    expect(amendmentsOf(till, '2026-03-10')).toHaveLength(1);

    // Paper and CSV show it beside the Z's own reconciliation.
    const { lines } = printedLines(tenth, 'korean-80');
    const rows = printedRows(lines);
    expect(lines.findIndex((l) => l.includes('게이트웨이 연결 안 됨'))).toBeLessThan(lines.findIndex((l) => l.includes('[마감 후 대사]')));
    expect(rows.get('[마감 후 대사]')?.get('일치')).toBe('2건');
    expect(rows.get('[마감 후 대사]')?.get('POS 누락')).toBe('1건');
    expect(reportCsv(tenth)).toMatch(/\[마감 후 대사\],POS 누락,1,5000,PAYMENT T01-P-STRAY/);

    // The owner writes the stray charge off: found in the amendment, booked today.
    const key = 'missingInPos:PAYMENT:T01-P-STRAY:';
    const resolution = await closeout.resolve({ ownerPin: OWNER_PIN, businessDate: '2026-03-10', key, action: 'write-off' });
    expect(resolution).toMatchObject({ businessDate: '2026-03-10', bookedOn: '2026-03-11', amount: -5_000 });
    const after = await closeout.x();
    expect(after.corrections.map((c) => [c.kind, c.businessDate, c.amount])).toEqual([
      ['reconciliation-amendment', '2026-03-10', 0],
      ['reconciliation-write-off', '2026-03-10', -5_000],
    ]);
    // The next Z lists both among its corrections.
    clock.set(kst('2026-03-11T22:00:00'));
    const next = await closeout.z({ ownerPin: OWNER_PIN });
    expect(next.corrections.map((c) => c.kind)).toEqual(['reconciliation-amendment', 'reconciliation-write-off']);
  });

  it('amends a day closed offline before the next Z closes, so that Z lists it', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T10:00:00'));
    const { engine, closeout, clock, sandbox } = till;
    await engine.payByCode(engine.openSale({ lines: [{ name: '안주', unitPrice: 9_000, quantity: 1, tax: 'taxable' }] }).saleId, walletCode(3));
    await until(() => till!.ledger.outbox.depth() === 0, 'synced');
    clock.set(kst('2026-03-10T22:00:00'));
    sandbox.setFaults({ rules: [{ fault: 'drop-before' }] });
    await closeout.z({ ownerPin: OWNER_PIN });
    sandbox.setFaults({ rules: [] });
    clock.set(kst('2026-03-11T22:00:00'));
    await until(() => till!.ledger.outbox.depth() === 0 && till!.gateway.connectivity() === 'online', 'back online', 10_000);
    const next = await closeout.z({ ownerPin: OWNER_PIN });
    expect(next.corrections).toEqual([expect.objectContaining({ kind: 'reconciliation-amendment', businessDate: '2026-03-10', note: '일치 1건, 차이 0건' })]);
    expect((await closeout.x({ businessDate: '2026-03-10' })).amendment?.reconciliation).toMatchObject({ status: 'done', matched: 1 });
  });
});
