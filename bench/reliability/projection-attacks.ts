import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { merchantProfileSchema } from '../../src/codes/index.js';
import { openLedger } from '../../src/ledger/index.js';
import { PAYMENT_TABLES } from '../../src/payments/migrations.js';
import { PaymentEngine } from '../../src/payments/payment-engine.js';
import { projectionDrift } from '../../src/payments/projection-audit.js';
import { StaffList } from '../../src/payments/roles.js';
import { ManualClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { memoryPin } from '../../src/relay/gateway-key.js';
import { RelayClient } from '../../src/relay/relay-client.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';

/**
 * Projection tampering (issue 14 point 5, "an edited tender amount
 * 4,500 → 450,000, which history then offered as refundable"): someone at
 * the till edits, deletes or forges rows of the payment tables and leaves
 * the journal alone. `pos journal verify` rebuilds the projection from the
 * journal (projectionDrift); an attack is accepted when it names nothing.
 */
type Tally = Record<string, { tried: number; accepted: number }>;
type Db = ReturnType<typeof openLedger>['db'];

// The owner's table list, not the names (test/architecture/payment-tables.test.ts).
const [DAYS, SALES, TENDERS, REFUNDS, , COUNTERS] = PAYMENT_TABLES;

/** The edits, each on a fresh journal of three 4,500-won cash sales. */
const ATTACKS: Record<string, (db: Db) => void> = {
  'tender amount raised': (db) => db.prepare(`UPDATE ${TENDERS} SET amount = 450000 WHERE rowid = (SELECT min(rowid) FROM ${TENDERS})`).run(),
  'tender refunded lowered': (db) => db.prepare(`UPDATE ${TENDERS} SET refunded = refunded - 1 WHERE rowid = (SELECT min(rowid) FROM ${TENDERS})`).run(),
  'tender state changed': (db) => db.prepare(`UPDATE ${TENDERS} SET state = 'declined' WHERE rowid = (SELECT max(rowid) FROM ${TENDERS})`).run(),
  'tender deleted': (db) => db.prepare(`DELETE FROM ${TENDERS} WHERE rowid = (SELECT max(rowid) FROM ${TENDERS})`).run(),
  'tender forged': (db) =>
    db.prepare(`INSERT INTO ${TENDERS} (tender_id, sale_id, method, state, currency, amount, created_at, updated_at, state_seq) SELECT 'T-FORGED', sale_id, method, state, currency, 450000, created_at, updated_at, state_seq FROM ${TENDERS} LIMIT 1`).run(),
  'sale total edited': (db) => db.prepare(`UPDATE ${SALES} SET total = total * 100 WHERE rowid = (SELECT min(rowid) FROM ${SALES})`).run(),
  'sale deleted': (db) => db.prepare(`DELETE FROM ${SALES} WHERE rowid = (SELECT max(rowid) FROM ${SALES})`).run(),
  'refund forged': (db) =>
    db.prepare(
      `INSERT INTO ${REFUNDS} (refund_id, tender_id, sale_id, kind, state, amount, requested_at, updated_at) SELECT 'R-FORGED', tender_id, sale_id, 'refund', 'approved', 4500, 1, 1 FROM ${TENDERS} LIMIT 1`,
    ).run(),
  'business day marked closed': (db) => db.prepare(`UPDATE ${DAYS} SET closed_at = 1 WHERE rowid = (SELECT min(rowid) FROM ${DAYS})`).run(),
  'receipt counter rewound': (db) => db.prepare(`UPDATE ${COUNTERS} SET value = value - 1`).run(),
};

async function journalOfSales(path: string): Promise<ReturnType<typeof openLedger>> {
  const clock = new ManualClock(Date.parse('2026-01-05T01:00:00Z'));
  const ledger = openLedger(path, { clock });
  const engine = new PaymentEngine({
    ledger,
    // Cash never reaches the gateway; the engine is not started, so nothing is sent.
    gateway: new RelayClient({ baseUrl: 'http://127.0.0.1:9', terminalId: 'T01', privateKey: generateTerminalKey(), gatewayKey: memoryPin() }),
    merchant: merchantProfileSchema.parse({ merchantName: 'ATTACK SHOP', merchantCity: 'SEOUL', account: { gui: 'KR.SANDBOX.RELAY', merchantId: 'M-1' } }),
    staff: new StaffList([]),
    clock,
    logger: silentLogger,
    reserve: { path: `${path}.reserve`, sizeBytes: 4_096 },
    config: { terminalId: 'T01' },
  });
  for (let i = 0; i < 3; i++) {
    const sale = engine.openSale({ lines: [{ name: `Coffee ${i}`, unitPrice: 4_500, quantity: 1, tax: 'taxable' }] });
    await engine.takeCash(sale.saleId, 5_000);
  }
  return ledger;
}

/** Each projection edit, on its own journal: accepted when `journal verify`'s comparison names nothing. */
export async function projectionAttacks(tally: Tally, problems: string[]): Promise<void> {
  const counts = (tally['projection-tampering'] = { tried: 0, accepted: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'pos-projection-attacks-'));
  try {
    for (const [i, [name, attack]] of Object.entries(ATTACKS).entries()) {
      const ledger = await journalOfSales(join(dir, `${i}.db`));
      try {
        if (projectionDrift(ledger.db).length > 0) throw new Error('the untouched journal already disagrees with its projection');
        ledger.db.pragma('foreign_keys = OFF');
        attack(ledger.db);
        counts.tried++;
        if (projectionDrift(ledger.db).length === 0) {
          counts.accepted++;
          problems.push(`projection-tampering: ${name} passed journal verify`);
        }
      } finally {
        ledger.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
