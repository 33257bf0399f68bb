import { afterEach, describe, expect, it } from 'vitest';
import { formatChainHead } from '../../src/ledger/index.js';
import { reportCsv } from '../../src/closeout/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { type ClosingTill, OWNER_PIN, kst, startClosingTill } from './closing-till.js';
import { printedLines } from './printed-report.js';

const tempDir = useTempDir('pos-closeout-chainhead-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

describe('the Z carries the journal chain head (issue 15, Deliver 6; issue 14)', () => {
  it('prints the head of the journal the Z was built on: the row before the Z record, in the JSON, on paper and in the CSV', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T09:00:00'));
    const { engine, closeout, ledger } = till;
    await engine.payByCode(engine.openSale({ lines: [{ name: '우유', unitPrice: 2_500, quantity: 1, tax: 'taxable' }] }).saleId, walletCode(1));
    const x = await closeout.x();
    const tail = ledger.db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    expect(x.chainHead).toEqual(tail);

    const z = await closeout.z({ ownerPin: OWNER_PIN });
    const before = ledger.db.prepare('SELECT seq, hash FROM journal WHERE seq < ? ORDER BY seq DESC LIMIT 1').get(z.closing!.seq) as { seq: number; hash: string };
    expect(z.chainHead).toMatchObject(before);
    expect(closeout.storedZ(z.businessDate)!.chainHead).toMatchObject(before);
    const short = formatChainHead(before);
    expect(printedLines(z, 'korean-80').lines.join('\n')).toContain(short);
    expect(reportCsv(z)).toContain(before.hash);
  });
});
