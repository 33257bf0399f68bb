import { join } from 'node:path';
import { type MerchantProfile, merchantProfileSchema } from '../../src/codes/index.js';
import { type Ledger, openLedger } from '../../src/ledger/index.js';
import { PaymentEngine } from '../../src/payments/payment-engine.js';
import { StaffList } from '../../src/payments/roles.js';
import type { Clock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import type { RelayGateway } from '../../src/relay/gateway.js';
import { GATEWAY_KEY_FILE, fileGatewayPin } from '../../src/relay/gateway-key-file.js';
import { RelayClient } from '../../src/relay/relay-client.js';
import { loadTerminalKey } from '../../src/relay/terminal-key.js';

/** The crash tills' shop, as their offline QRs name it (the customer's phone rebuilds a bill from it). */
export const CRASH_MERCHANT: MerchantProfile = merchantProfileSchema.parse({ merchantName: 'CRASH SHOP', merchantCity: 'SEOUL', account: { gui: 'KR.SANDBOX.RELAY' } });

/** Offline bills are valid this long (the engine's shortest), so a customer who comes back after it does so within the run. */
export const CRASH_BILL_SECONDS = 30;

/** A crash till's relay client, over loopback to the sandbox, with short timeouts and retries. */
export function crashRelay(input: { dir: string; gatewayUrl: string; terminalId: string; clock: Clock }): RelayClient {
  return new RelayClient({
    baseUrl: input.gatewayUrl,
    terminalId: input.terminalId,
    privateKey: loadTerminalKey(join(input.dir, 'terminal.key')),
    gatewayKey: fileGatewayPin(join(input.dir, GATEWAY_KEY_FILE)),
    clock: input.clock,
    timeouts: { pay: 800, orderCode: 800, inquiry: 400, cancel: 500, refund: 800, journalBatch: 2_000, lookupByBill: 800 },
    retry: { attempts: 2, delayMs: 20 },
    events: { initialBackoffMs: 100, maxBackoffMs: 1_000 },
  });
}

/**
 * A till killed and restarted on purpose: `pos chaos` (chaos-worker.ts) and a
 * crash-matrix cell (crash-worker.ts). A real PaymentEngine over the journal
 * file in `dir`, with the short waits that run-chaos.ts and crash-matrix.ts
 * start the sandbox to match (`pendingMs`, `earliestCancelMs`). One member
 * rings the refunds: a manager, or an owner where the till takes Zs too.
 */
export function openCrashTill(input: {
  dir: string;
  terminalId: string;
  clock: Clock;
  gateway: RelayGateway;
  staff: { role: 'manager' | 'owner'; pinHash: string };
  /** How long a bill given up on is still looked up (the engine's default: an hour). */
  lateReportMs?: number;
}): { engine: PaymentEngine; ledger: Ledger; staff: StaffList } {
  const { dir, terminalId, clock, gateway } = input;
  const staff = new StaffList([{ staffId: input.staff.role === 'owner' ? 'o1' : 'm1', name: input.staff.role, ...input.staff }]);
  const ledger = openLedger(join(dir, 'till.db'), { clock });
  const engine = new PaymentEngine({
    ledger,
    gateway,
    merchant: CRASH_MERCHANT,
    staff,
    clock,
    logger: silentLogger,
    reserve: { path: join(dir, 'reserve.bin'), sizeBytes: 64 * 1024 },
    sync: { idleMs: 100, backoff: { baseMs: 20, maxMs: 300 } },
    config: {
      terminalId,
      // The sandbox refuses a WeChat Pay reverse sooner than its earliestCancelMs: the till waits as long.
      inquiry: { intervalMs: 25, deadlineMs: 400, earliestReverseMs: 300 },
      reversal: { baseDelayMs: 20, maxDelayMs: 300 },
      mpm: { expireSeconds: 30, pollIntervalMs: 40 },
      offlineMpm: { validForSeconds: CRASH_BILL_SECONDS, ...(input.lateReportMs === undefined ? {} : { lateReportMs: input.lateReportMs }) },
    },
  });
  return { engine, ledger, staff };
}
