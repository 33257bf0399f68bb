import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAYMENT_TABLES } from '../../src/payments/migrations.js';
import { ROOT } from './source-graph.js';
import { type TableOwner, codeFiles, strangers } from './table-owner.js';

// Issue 13 point 2: the payment projections have one owner. Only src/payments
// names their tables; close-out, the history screen, receipts, the chaos check
// and the tests read them through its named queries (payment-facts.ts,
// sale-history.ts, payment-store.ts). The fixtures are databases an older
// release made, kept to prove they still upgrade.
const RULE: TableOwner = {
  owner: 'src/payments/',
  exempt: ['test/ledger/fixtures/'],
  // Any pay_ name, not only today's tables: a new one belongs to src/payments as well.
  names: /\bpay_[a-z][a-z_]*\b/g,
};

describe('payment tables (one owner: src/payments)', () => {
  it('are named by no file outside src/payments', () => {
    const files = codeFiles('');
    expect(files.length).toBeGreaterThan(300);
    expect(strangers(RULE, files, (f) => readFileSync(join(ROOT, f), 'utf8'))).toEqual([]);
  });

  it('catches a query written elsewhere, and every table the payments module creates', () => {
    const probe = (table: string) => `db.prepare('SELECT count(*) FROM ${table}')`;
    for (const table of PAYMENT_TABLES) {
      expect(strangers(RULE, ['src/closeout/probe.ts', 'src/payments/probe.ts'], () => probe(table))).toEqual([`src/closeout/probe.ts: ${table}`]);
    }
    // Words that merely contain the letters are not table names.
    expect(strangers(RULE, ['bench/probe.ts'], () => "'sandbox_pay_latency', 'VietQR_vietqrpay_readme'")).toEqual([]);
  });
});
