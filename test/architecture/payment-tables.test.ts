import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAYMENT_TABLES } from '../../src/payments/migrations.js';
import { ROOT } from './source-graph.js';

// Issue 13 point 2: the payment projections have one owner. Only src/payments
// names their tables; close-out, the history screen, receipts, the chaos check
// and the tests read them through its named queries (payment-facts.ts,
// sale-history.ts, payment-store.ts). The fixtures are databases an older
// release made, kept to prove they still upgrade.
const OWNER = 'src/payments/';
const EXEMPT = ['test/ledger/fixtures/'];
const CODE = /\.(ts|tsx|mts|mjs|js|cjs|sql)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', '.git', 'release']);
// Any pay_ name, not only today's tables: a new one belongs to src/payments as well.
const TABLE_NAME = /\bpay_[a-z][a-z_]*\b/g;

function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...codeFiles(path));
    } else if (CODE.test(entry.name)) out.push(path);
  }
  return out;
}

/** `file: table` for every payment table named outside the owner. */
function strangers(files: readonly string[], read: (file: string) => string): string[] {
  return files
    .filter((f) => !f.startsWith(OWNER) && !EXEMPT.some((e) => f.startsWith(e)))
    .flatMap((f) => [...new Set(read(f).match(TABLE_NAME) ?? [])].map((name) => `${f}: ${name}`));
}

describe('payment tables (one owner: src/payments)', () => {
  it('are named by no file outside src/payments', () => {
    const files = codeFiles('');
    expect(files.length).toBeGreaterThan(300);
    expect(strangers(files, (f) => readFileSync(join(ROOT, f), 'utf8'))).toEqual([]);
  });

  it('catches a query written elsewhere, and every table the payments module creates', () => {
    const probe = (table: string) => `db.prepare('SELECT count(*) FROM ${table}')`;
    for (const table of PAYMENT_TABLES) {
      expect(strangers(['src/closeout/probe.ts', 'src/payments/probe.ts'], () => probe(table))).toEqual([`src/closeout/probe.ts: ${table}`]);
    }
    // Words that merely contain the letters are not table names.
    expect(strangers(['bench/probe.ts'], () => "'sandbox_pay_latency', 'VietQR_vietqrpay_readme'")).toEqual([]);
  });
});
