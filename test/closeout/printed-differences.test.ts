import { afterEach, describe, expect, it } from 'vitest';
import { kstDateTime } from '../../src/platform/business-time.js';
import { reportCsv } from '../../src/closeout/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { type ClosingTill, OWNER_PIN, kst, startClosingTill, until } from './closing-till.js';
import { printedLines } from './printed-report.js';

const tempDir = useTempDir('pos-closeout-printed-diff-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

const iso = (wall: string) => new Date(kst(wall)).toISOString();

// Issue 15 defect 3: "On paper a difference is named only by an internal request id"; Deliver 2:
// "Each difference is named by receipt number, time and 승인번호". The reconciliation tests check
// the JSON; printed-report.ts counts the differences on paper but never reads their names. Here
// the paper (decoded back from the ESC/POS bytes) and the CSV must name each one as the owner
// finds it, and the paper must not fall back to the request id where a receipt exists.
describe('a Z’s reconciliation differences on paper and in the CSV', () => {
  it('names a payment missing at the gateway by receipt, time and 승인번호, and a stray line by its time and 승인번호', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T11:00:00'));
    const { engine, closeout, clock } = till;
    const sale = engine.openSale({ lines: [{ name: '맥주', unitPrice: 12_000, quantity: 1, tax: 'taxable' }] });
    await engine.payByCode(sale.saleId, walletCode(1));
    const tender = engine.store.tendersOfSale(sale.saleId)[0]!;
    const receipt = engine.store.sale(sale.saleId)!.receiptNumber!;
    const requestId = tender.gatewayRequestId ?? tender.tenderId;
    await until(() => till!.ledger.outbox.depth() === 0, 'synced');
    await till.plant({
      drop: [{ paymentRequestId: requestId }],
      add: [{ paymentRequestId: 'T01-P-STRAY', wallet: 'zeropay', amount: 5_000, at: iso('2026-03-10T20:30:00') }],
    });
    clock.set(kst('2026-03-10T22:00:00'));
    const z = await closeout.z({ ownerPin: OWNER_PIN });
    const [missing] = z.reconciliation.missingAtGateway;
    const [stray] = z.reconciliation.missingInPos;
    expect(missing).toMatchObject({ receiptNumber: receipt, approvalNumber: expect.any(String), at: kst('2026-03-10T11:00:00') });
    expect(stray).toMatchObject({ receiptNumber: null, approvalNumber: 'PLANTED-T01-P-STRAY' });

    for (const profile of ['korean-80', 'korean-58'] as const) {
      const { lines } = printedLines(z, profile);
      const section = lines.findIndex((l) => l.trim() === '[정산 대사]');
      expect(section, `${profile}: the reconciliation section`).toBeGreaterThan(-1);
      const named = lines.findIndex((l, i) => i > section && l.includes(receipt));
      expect(named, `${profile}: the receipt number on paper`).toBeGreaterThan(-1);
      // On 58 mm paper a long name pushes its amount to the next line: read the item as its block.
      const block = (at: number) => lines.slice(at, at + 3).join('\n');
      expect(lines[named]).toContain('11:00');
      expect(block(named)).toContain('12,000');
      expect(block(named)).toMatch(new RegExp(`승인번호\\s+${missing!.approvalNumber}$`, 'm'));
      const strayLine = lines.findIndex((l, i) => i > section && l.includes('T01-P-STRAY'));
      expect(lines[strayLine]).toContain('20:30');
      expect(block(strayLine)).toMatch(/승인번호\s+PLANTED-T01-P-STRAY$/m);
      expect(lines.some((l) => l.includes(requestId)), `${profile}: no request id where a receipt names the payment`).toBe(false);
    }

    const csv = reportCsv(z).split('\r\n');
    const row = csv.find((l) => l.startsWith('[정산 대사]') && l.includes(receipt))!;
    expect(row).toContain(kstDateTime(missing!.at!));
    expect(row).toContain(`승인번호 ${missing!.approvalNumber}`);
  });
});
