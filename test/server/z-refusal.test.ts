import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Z_REPORT_KIND, signZBody } from '../../src/closeout/index.js';
import { GENESIS_HASH, canonicalJson } from '../../src/ledger/index.js';
import { publicKeyToBase64 } from '../../src/relay/signing.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { StoreCloseouts, storeCloseoutSchema } from '../../server/store-closeout.js';
import { storeCloseoutCsv } from '../../server/store-closeout-csv.js';
import { upsertStore } from '../../server/stores.js';
import type { CloseoutReport } from '../../src/closeout/index.js';
import { OWNER_PIN, kst, startClosingTill } from '../closeout/closing-till.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { freshPglite } from './test-databases.js';

const tempDir = useTempDir('pos-z-refusal-');
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type ZBody = { report: CloseoutReport & { chainHead: Record<string, unknown> }; closedBy: string };

describe('the store server counts a Z only when the till enrolled key signed it (issue 14 point 5)', () => {
  it('sums the signed Z and refuses an edited, re-signed or unsigned one, naming why', { timeout: 60_000 }, async () => {
    const till = await startClosingTill(tempDir(), kst('2026-03-10T09:00:00'));
    cleanups.push(() => till.close());
    await till.engine.payByCode(till.engine.openSale({ lines: [{ name: '우유', unitPrice: 4_500, quantity: 1, tax: 'taxable' }] }).saleId, walletCode(1));
    const z = await till.closeout.z({ ownerPin: OWNER_PIN });
    const signed = till.ledger.journal.ofKind(Z_REPORT_KIND)[0]!.body as unknown as ZBody;
    const inflated = (body: ZBody): ZBody => ({ ...body, report: { ...body.report, net: body.report.net + 100_000, gross: { ...body.report.gross, amount: body.report.gross.amount + 100_000 } } });

    const { db, dispose } = await freshPglite();
    cleanups.push(dispose);
    const clock = { now: () => kst('2026-03-11T01:00:00'), monotonic: () => 0 };
    await upsertStore(db, clock, { storeId: 'S1', name: '한강분식', enrollmentCode: 'CODE-S1' });
    const variants: Record<string, unknown> = {
      GOOD: signed,
      EDITED: inflated(signed),
      RESIGNED: signZBody(generateTerminalKey(), inflated(signed) as never),
      UNSIGNED: { ...signed, report: { ...signed.report, chainHead: { seq: signed.report.chainHead.seq, hash: signed.report.chainHead.hash } } },
    };
    for (const [tillId, body] of Object.entries(variants)) {
      // Every till here is enrolled with the closing till's own key.
      await db.query('INSERT INTO tills (till_id, store_id, public_key, registered_at) VALUES ($1, $2, $3, $4)', [tillId, 'S1', publicKeyToBase64(till.key), 0]);
      await db.query(
        `INSERT INTO journal_records (store_id, till_id, seq, record_id, kind, aggregate_id, at, body, prev_hash, hash, received_at)
         VALUES ('S1', $1, 1, $2, $3, $4, $5, $6, $7, $7, 0)`,
        [tillId, randomUUID(), Z_REPORT_KIND, `day:${z.businessDate}`, clock.now(), canonicalJson(body), GENESIS_HASH],
      );
    }

    const closeout = storeCloseoutSchema.parse(await new StoreCloseouts(db, clock).close('S1', z.businessDate));
    const status = Object.fromEntries(closeout.tills.map((t) => [t.tillId, [t.status, t.refusal]]));
    expect(status).toEqual({
      EDITED: ['refused', expect.stringMatching(/changed after it was signed/)],
      GOOD: ['closed', null],
      RESIGNED: ['refused', expect.stringMatching(/re-signed/)],
      UNSIGNED: ['refused', expect.stringMatching(/no terminal signature/)],
    });
    expect(closeout.refused).toEqual(['EDITED', 'RESIGNED', 'UNSIGNED']);
    // Only the good Z is summed: the store's net is the till's, not inflated three times over.
    expect(closeout.totals.net).toBe(z.net);
    expect(closeout.tills.find((t) => t.tillId === 'GOOD')!.chainHead).toMatchObject({ seq: z.chainHead!.seq, keyId: z.chainHead!.keyId });
    expect(storeCloseoutCsv(closeout)).toContain('서명 불일치');
  });
});
