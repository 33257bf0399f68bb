import { createPublicKey } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Z_REPORT_KIND, signZBody, verifyZBody } from '../../src/closeout/index.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { type ClosingTill, OWNER_PIN, kst, startClosingTill } from './closing-till.js';
import { printedLines } from './printed-report.js';

const tempDir = useTempDir('pos-closeout-zsig-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

describe('the Z is signed by the terminal key (issue 14 point 5)', () => {
  it('signs the chain head and the whole Z; an edited, re-signed or unsigned Z is refused', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T09:00:00'));
    const { engine, closeout, ledger, key } = till;
    await engine.payByCode(engine.openSale({ lines: [{ name: '우유', unitPrice: 2_500, quantity: 1, tax: 'taxable' }] }).saleId, walletCode(1));
    const z = await closeout.z({ ownerPin: OWNER_PIN });
    expect(z.chainHead).toMatchObject({ keyId: expect.stringMatching(/^[0-9a-f]{16}$/), signature: expect.any(String) });

    // The stored record is what the store server and `journal verify` check.
    const stored = ledger.journal.ofKind(Z_REPORT_KIND)[0]!.body;
    expect(verifyZBody(stored, key)).toMatchObject({ ok: true, head: { seq: z.chainHead!.seq, hash: z.chainHead!.hash } });
    expect(verifyZBody(stored, createPublicKey(key)).ok).toBe(true);

    type Body = { report: { net: number; chainHead: Record<string, unknown> }; closedBy: string };
    const copy = () => structuredClone(stored) as unknown as Body;
    const edited = copy();
    edited.report.net += 100_000;
    expect(verifyZBody(edited, key)).toMatchObject({ ok: false, reason: 'forged' });
    const otherCloser = copy();
    otherCloser.closedBy = 'm1';
    expect(verifyZBody(otherCloser, key)).toMatchObject({ ok: false, reason: 'forged' });
    const movedHead = copy();
    movedHead.report.chainHead.seq = Number(movedHead.report.chainHead.seq) - 1;
    expect(verifyZBody(movedHead, key)).toMatchObject({ ok: false, reason: 'forged' });

    // Re-signed by somebody else's key: refused whatever key id it claims.
    const attacker = generateTerminalKey();
    const resigned = signZBody(attacker, edited as never) as unknown as Body;
    expect(verifyZBody(resigned, key)).toMatchObject({ ok: false, reason: 'other-key' });
    resigned.report.chainHead.keyId = copy().report.chainHead.keyId;
    expect(verifyZBody(resigned, key)).toMatchObject({ ok: false, reason: 'forged' });

    const stripped = copy();
    delete stripped.report.chainHead.signature;
    expect(verifyZBody(stripped, key)).toMatchObject({ ok: false, reason: 'unsigned' });
    expect(verifyZBody({ nothing: true }, key)).toMatchObject({ ok: false, reason: 'unsigned' });

    // On paper: the key id and the whole signature, so the printed Z can be checked too.
    const paper = printedLines(z, 'korean-80').lines.join('');
    expect(paper).toContain(String(z.chainHead!.keyId));
    expect(paper.replace(/\s/g, '')).toContain(String(z.chainHead!.signature));
  });
});
