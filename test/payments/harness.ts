import { join } from 'node:path';
import { merchantProfileSchema } from '../../src/codes/index.js';
import { type Ledger, openLedger } from '../../src/ledger/index.js';
import { PaymentEngine, type PaymentEngineDeps } from '../../src/payments/payment-engine.js';
import { StaffList, hashPin } from '../../src/payments/roles.js';
import { type Clock, systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import type { RelayGateway } from '../../src/relay/gateway.js';
import { RelayClient } from '../../src/relay/relay-client.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { type SandboxGateway, startSandboxGateway } from '../../sandbox/index.js';
import { memoryPin } from '../../src/relay/gateway-key.js';

/** PINs of the test staff: 1111 cashier, 2222 manager. */
export const CASHIER_PIN = '1111';
export const MANAGER_PIN = '2222';

export const staff = new StaffList([
  { staffId: 'c1', name: 'Cashier Kim', role: 'cashier', pinHash: hashPin(CASHIER_PIN) },
  { staffId: 'm1', name: 'Manager Lee', role: 'manager', pinHash: hashPin(MANAGER_PIN) },
]);

export const merchant = merchantProfileSchema.parse({
  merchantName: 'TEST SHOP',
  merchantCity: 'SEOUL',
  account: { gui: 'KR.SANDBOX.RELAY', merchantId: 'M-SANDBOX-0001' },
});

/** The sandbox's earliest WeChat Pay reverse in these tests (15 s in the real world). */
export const EARLIEST_REVERSE_MS = 250;

/** Fast schedules so unknown outcomes resolve in test time. */
export const fastConfig = {
  // Every wallet's timing scaled down; the earliest reverse matches the sandbox's below.
  inquiry: { intervalMs: 20, passwordIntervalMs: 20, deadlineMs: 400, earliestReverseMs: EARLIEST_REVERSE_MS },
  reversal: { baseDelayMs: 20, maxDelayMs: 200 },
  mpm: { expireSeconds: 30, pollIntervalMs: 30 },
};

/** A wallet code (WeChat Pay format) whose last four digits pick the sandbox's behaviour. */
export function walletCode(n: number, magic = '7777'): string {
  return `13${String(n).padStart(12, '0')}${magic}`;
}

/** A real sandbox gateway on loopback and a registered terminal's client for it. */
export async function startGateway(dir: string, terminalId = 'T01', clock: Clock = systemClock, earliestCancelMs = EARLIEST_REVERSE_MS) {
  const sandbox = await startSandboxGateway({ dbPath: join(dir, 'gateway.db'), pendingMs: 150, sweepMs: 25, clock, earliestCancelMs });
  const key = generateTerminalKey();
  sandbox.registerTerminal(terminalId, key);
  const client = (overrides: Partial<ConstructorParameters<typeof RelayClient>[0]> = {}) =>
    new RelayClient({
      baseUrl: sandbox.url,
      terminalId,
      privateKey: key,
      gatewayKey: memoryPin(sandbox.publicKey()),
      clock,
      // Generous on two loaded cores (every answer is signed and checked): a slow answer read as lost turns a test's final answer into "unknown".
      timeouts: { pay: 3_000, inquiry: 2_000, cancel: 2_000, refund: 3_000, refundInquiry: 2_000, orderCode: 3_000, journalBatch: 4_000, lookupByBill: 3_000 },
      retry: { attempts: 1 },
      ...overrides,
    });
  return { sandbox, client, terminalId, key };
}

/** An engine over a journal file in `dir`. */
export function openTill(
  dir: string,
  gateway: RelayGateway,
  extra: Partial<PaymentEngineDeps> & { terminalId?: string; config?: PaymentEngineDeps['config'] } = {},
): { engine: PaymentEngine; ledger: Ledger } {
  const clock = extra.clock ?? systemClock;
  const ledger = openLedger(join(dir, 'till.db'), { clock });
  const engine = new PaymentEngine({
    ledger,
    gateway,
    merchant,
    staff,
    clock,
    logger: silentLogger,
    reserve: { path: join(dir, 'reserve.bin'), sizeBytes: 64 * 1024 },
    sync: { idleMs: 50, backoff: { baseMs: 20, maxMs: 200 } },
    ...extra,
    config: { terminalId: extra.terminalId ?? 'T01', ...fastConfig, ...(extra.config as object) },
  });
  return { engine, ledger };
}

export type Sandbox = SandboxGateway;

/** Polls `check` until it holds (background work: reversals, refund retries, sync). */
export async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Takes the gateway away and makes the till notice (three failed uploads: offline). */
export async function goOffline(engine: PaymentEngine, sandbox: SandboxGateway): Promise<void> {
  await engine.sync.stop();
  await sandbox.close();
  const sale = engine.openSale({ lines: [{ name: 'Gum', unitPrice: 1_000, quantity: 1, tax: 'taxable' }] });
  await engine.takeCash(sale.saleId, 1_000);
  for (let i = 0; i < 3; i++) await engine.sync.syncOnce();
}
