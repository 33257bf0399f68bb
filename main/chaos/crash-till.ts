import { join } from 'node:path';
import { type MerchantProfile, merchantProfileSchema } from '../../src/codes/index.js';
import { type Ledger, openLedger } from '../../src/ledger/index.js';
import { PaymentEngine } from '../../src/payments/payment-engine.js';
import { StaffList } from '../../src/payments/roles.js';
import type { Clock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { GATEWAY_KEY_FILE, fileGatewayPin } from '../../src/relay/gateway-key-file.js';
import { RelayClient } from '../../src/relay/relay-client.js';
import { loadTerminalKey } from '../../src/relay/terminal-key.js';

/** The crash till's shop, as its offline QRs name it (the customer's phone rebuilds a bill from it). */
export const CRASH_MERCHANT: MerchantProfile = merchantProfileSchema.parse({ merchantName: 'CRASH SHOP', merchantCity: 'SEOUL', account: { gui: 'KR.SANDBOX.RELAY' } });

/** Offline bills in the matrix are valid this long (the engine's shortest). */
export const CRASH_BILL_SECONDS = 30;

/**
 * The till of a crash-matrix cell: a real PaymentEngine over the journal
 * file in `dir`, talking to the sandbox over loopback, with the short waits
 * of `pos chaos` (run-chaos.ts starts the sandbox with the matching
 * `pendingMs` and `earliestCancelMs`).
 */
export function openCrashTill(input: { dir: string; gatewayUrl: string; terminalId: string; clock: Clock; managerPinHash: string }): {
  engine: PaymentEngine;
  ledger: Ledger;
  gateway: RelayClient;
} {
  const { dir, terminalId, clock } = input;
  const gateway = new RelayClient({
    baseUrl: input.gatewayUrl,
    terminalId,
    privateKey: loadTerminalKey(join(dir, 'terminal.key')),
    gatewayKey: fileGatewayPin(join(dir, GATEWAY_KEY_FILE)),
    clock,
    timeouts: { pay: 800, orderCode: 800, inquiry: 400, cancel: 500, refund: 800, journalBatch: 2_000, lookupByBill: 800 },
    retry: { attempts: 2, delayMs: 20 },
    events: { initialBackoffMs: 100, maxBackoffMs: 1_000 },
  });
  const ledger = openLedger(join(dir, 'till.db'), { clock });
  const engine = new PaymentEngine({
    ledger,
    gateway,
    merchant: CRASH_MERCHANT,
    staff: new StaffList([{ staffId: 'm1', name: 'Manager', role: 'manager', pinHash: input.managerPinHash }]),
    clock,
    logger: silentLogger,
    reserve: { path: join(dir, 'reserve.bin'), sizeBytes: 64 * 1024 },
    sync: { idleMs: 100, backoff: { baseMs: 20, maxMs: 300 } },
    config: {
      terminalId,
      inquiry: { intervalMs: 25, deadlineMs: 400, earliestReverseMs: 300 },
      reversal: { baseDelayMs: 20, maxDelayMs: 300 },
      mpm: { expireSeconds: 30, pollIntervalMs: 40 },
      offlineMpm: { validForSeconds: CRASH_BILL_SECONDS, lateReportMs: 120_000 },
    },
  });
  return { engine, ledger, gateway };
}
