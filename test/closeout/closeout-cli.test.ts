import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPos } from '../../main/cli/pos.js';
import { hashPin } from '../../src/payments/roles.js';
import { kstDate } from '../../src/platform/business-time.js';
import { GATEWAY_KEY_FILE, fileGatewayPin } from '../../src/relay/gateway-key-file.js';
import { saveTerminalKey } from '../../src/relay/terminal-key.js';
import { type ClosingTill, OWNER_PIN, startClosingTill, until } from './closing-till.js';

let dir: string;
let till: ClosingTill;
let args: string[];
let businessDate: string;

async function pos(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPos(argv, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pos-closeout-cli-'));
  // The CLI signs with the system clock, so the sandbox's clock reads the same time.
  till = await startClosingTill(dir, Date.now());
  const { engine } = till;
  await engine.cashMovement('float', 50_000, 'float', '1111');
  await engine.takeCash(engine.openSale({ lines: [{ name: '커피', unitPrice: 4_500, quantity: 2, tax: 'taxable' }] }).saleId, 10_000);
  await engine.payByCode(engine.openSale({ lines: [{ name: '빵', unitPrice: 3_300, quantity: 1, tax: 'tax-free' }] }).saleId, '134000000000017777');
  await until(() => till.ledger.outbox.depth() === 0, 'synced');
  businessDate = engine.store.openBusinessDate()!;
  await till.engine.stop();
  till.ledger.close();
  const keyFile = join(dir, 'terminal-key.pem');
  saveTerminalKey(keyFile, till.key);
  // The CLI reads the gateway's pinned key beside the terminal key, as registration left it.
  fileGatewayPin(join(dir, GATEWAY_KEY_FILE)).pin(till.sandbox.publicKey());
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ terminalId: 'T01' }));
  writeFileSync(join(dir, 'staff.json'), JSON.stringify({ staff: [{ staffId: 'o1', name: 'Owner', role: 'owner', pinHash: hashPin(OWNER_PIN) }] }));
  args = ['--data', dir, '--db', join(dir, 'till.db'), '--gateway', till.sandbox.url, '--key', keyFile];
}, 30_000);

afterAll(async () => {
  await till?.sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pos closeout', () => {
  it('x prints the day as JSON, reconciled with the gateway, and exports the CSV', async () => {
    const csv = join(dir, 'x.csv');
    const { code, out } = await pos('closeout', 'x', ...args, '--csv', csv);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      kind: 'X',
      businessDate,
      byChannel: { cash: { sales: { count: 1, amount: 9_000 } }, 'wechat-pay': { sales: { count: 1, amount: 3_300 } } },
      net: 12_300,
      vat: { supply: 8_182, vat: 818, taxFree: 3_300, total: 12_300 },
      cash: { float: 50_000, expected: 59_000, counted: null },
      reconciliation: { status: 'done', matched: 1, missingAtGateway: [], missingInPos: [], mismatched: [] },
    });
    expect(readFileSync(csv, 'utf8').startsWith('\ufeff구분,항목')).toBe(true);
  });

  it('z needs the owner’s PIN, closes the day once, and refuses a second Z for it', async () => {
    expect(await pos('closeout', 'z', ...args)).toMatchObject({ code: 1, err: expect.stringMatching(/owner's PIN.*pin-invalid/) });
    const closed = await pos('closeout', 'z', ...args, '--pin', OWNER_PIN);
    expect(closed.code).toBe(0);
    expect(JSON.parse(closed.out)).toMatchObject({ kind: 'Z', businessDate, closing: { closedBy: 'o1' } });
    const again = await pos('closeout', 'z', ...args, '--pin', OWNER_PIN, '--date', businessDate);
    expect(again).toMatchObject({ code: 1, err: expect.stringMatching(/already closed/) });
    expect(await pos('closeout', 'x', ...args, '--date', '2026/01/05')).toMatchObject({ code: 2, err: expect.stringMatching(/YYYY-MM-DD/) });
  });

  it('vat prints the VAT return figures of calendar months as JSON', () => {
    const month = kstDate(till.clock.now()).slice(0, 7);
    const run = spawnSync(process.execPath, ['bin/pos.mjs', 'closeout', 'vat', '--from', month, '--to', month, '--db', join(dir, 'till.db'), '--data', dir], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    // 9,000 cash without a 현금영수증 (기타) and 3,300 tax-free by WeChat Pay (신용카드 등).
    expect(report.months).toEqual([
      {
        month,
        taxable: 8_182,
        vat: 818,
        taxFree: 3_300,
        total: 12_300,
        byKind: { card: { taxable: 0, vat: 0, taxFree: 3_300 }, cashReceipt: { taxable: 0, vat: 0, taxFree: 0 }, other: { taxable: 8_182, vat: 818, taxFree: 0 } },
      },
    ]);
    expect(report.quarters).toHaveLength(1);
    expect(report.quarters[0]).toMatchObject({ months: [month], vat: 818 });
  });

  it('vat needs a month range', async () => {
    expect(await pos('closeout', 'vat', ...args)).toMatchObject({ code: 2, err: expect.stringMatching(/--from YYYY-MM --to YYYY-MM/) });
    expect(await pos('closeout', 'vat', ...args, '--from', '2026-13', '--to', '2026-12')).toMatchObject({ code: 2, err: expect.stringMatching(/YYYY-MM/) });
  });

  it('runs as `npm run -s pos -- closeout x`', () => {
    const run = spawnSync(process.execPath, ['bin/pos.mjs', 'closeout', 'x', '--data', dir, '--db', join(dir, 'till.db'), '--date', businessDate], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'Z', businessDate, net: 12_300 });
  });
});
