import { createHash, randomBytes } from 'node:crypto';
import type { MerchantProfile } from '../src/codes/index.js';
import type { Clock } from '../src/platform/clock.js';
import type { SandboxDatabase } from './database.js';
import { EventLog } from './event-log.js';
import type { LateReports } from './late-reports.js';
import { MoneyLedger } from './money-ledger.js';
import { PaymentCodes } from './payment-codes.js';
import { GatewayPayments } from './gateway-payments.js';

/** How the sandbox behaves; every field has a documented default in index.ts. */
export interface SandboxSettings {
  /** What `pos relay register` must present to register a terminal. */
  enrollmentCode: string;
  /** How long a pending magic code (password entry, slow network) stays PROCESSING, sandbox clock. */
  pendingMs: number;
  /** Longest life of an MPM order code, seconds. */
  maxOrderSeconds: number;
  /** KRW → quote rates, decimal text. */
  rates: Readonly<Record<string, string>>;
  /** When the rates were fixed (ms). */
  ratesAt: number;
  /** The merchant the order-code QR payloads name. */
  merchant: MerchantProfile;
  /**
   * How soon after a WeChat Pay CPM payment a cancel (reverse) is accepted: WeChat Pay asks for
   * at least 15 s (docs/relay-protocol.md, "Wallet rules"); earlier ones are CANCEL_TOO_EARLY.
   */
  earliestCancelMs: number;
  /** How long a payment code the customer simulator issues stays valid (default 60 s). */
  codeValidMs: number;
  /** Which offline-bill payments reach the gateway late, and how late (late-reports.ts; default none). */
  lateReports: LateReports;
}

/** The sandbox's stores, clock and settings, shared by its services. */
export class SandboxState {
  readonly payments: GatewayPayments;
  readonly ledger: MoneyLedger;
  readonly events: EventLog;
  readonly codes: PaymentCodes;

  constructor(
    readonly db: SandboxDatabase,
    readonly clock: Clock,
    readonly settings: SandboxSettings,
  ) {
    this.payments = new GatewayPayments(db);
    this.ledger = new MoneyLedger(db);
    this.events = new EventLog(db);
    this.codes = new PaymentCodes(db);
  }

  /**
   * Runs `fn` in one SQLite transaction (one fsync) and publishes its events
   * once committed. Nested calls join the outer transaction.
   */
  transact<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    try {
      const result = this.db.transaction(fn)();
      this.events.flush();
      return result;
    } catch (error) {
      this.events.discard();
      throw error;
    }
  }
}

/** A gateway-side identifier: prefix + 16 hex digits (fits EMV's 25-character reference label). */
export function newId(prefix: string): string {
  return `${prefix}${randomBytes(8).toString('hex')}`;
}

/** SHA-256 of the request's key fields: a repeat with other fields is REPEAT_REQ_INCONSISTENT. */
export function fingerprint(fields: Record<string, unknown>): string {
  const keys = Object.keys(fields).sort();
  return createHash('sha256')
    .update(JSON.stringify(keys.map((key) => [key, fields[key] ?? null])))
    .digest('hex');
}
