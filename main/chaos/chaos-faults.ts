import type { Clock } from '../../src/platform/clock.js';
import { type FaultConfig, mulberry32 } from '../../sandbox/faults.js';
import { type LateReports, NO_LATE_REPORTS } from '../../sandbox/late-reports.js';

/**
 * The fault families of `pos chaos` (issue 12, Deliver 3), each switchable on
 * its own (`--faults network,clock`) so `--matrix` can run each alone and all
 * together. Most are sandbox rules; `clock`, `code-reuse`, `offline-payers`
 * and `day-crossing` act in the worker (the till's clock, its customers, its
 * owner), `refund-kills` in the parent's kill plan.
 */
export const CHAOS_FAULTS = [
  /** Lost requests, lost answers, 503 storms and 500s after commit, answers held past the timeout, latency: every operation. */
  'network',
  /** The event stream duplicates and reorders, as real notification channels do. */
  'events',
  /** Cancel and refund answered `U` (before or after the gateway acted). */
  'unknown',
  /** Refunds accepted as PROCESSING and completed later (WeChat Pay's asynchronous refunds). */
  'async-refunds',
  /** The till's clock steps ±6 minutes and back (a bad NTP fix, a flat RTC battery): requests refused as out of window, answers read as stale. */
  'clock',
  /** A customer shows a code already used for an earlier sale, and a code is scanned twice within a sale. */
  'code-reuse',
  /** The till's link drops as it shows an MPM QR, so it shows its offline QR; customers pay those at random moments, also after abandon and after expiry. */
  'offline-payers',
  /** The business day turns (till and gateway 24 h ahead) and the owner takes the Z while a payment is in flight. */
  'day-crossing',
  /** Kills timed to refunds and voids in flight (just before, while the request is out, as the answer lands). */
  'refund-kills',
] as const;
export type ChaosFault = (typeof CHAOS_FAULTS)[number];

/** Parses `--faults`: `all` or a comma-separated list of fault names. */
export function parseChaosFaults(text: string): ChaosFault[] {
  if (text === 'all') return [...CHAOS_FAULTS];
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(CHAOS_FAULTS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`unknown chaos fault ${unknown.join(', ') || '(none given)'}; known: all, ${CHAOS_FAULTS.join(', ')}`);
  }
  return [...new Set(names)] as ChaosFault[];
}

const MONEY_AND_SYNC = ['pay', 'orderCode', 'inquiry', 'cancel', 'refund', 'lookupByBill', 'journalBatch'];

/** The sandbox's rules for the families switched on. */
export function sandboxFaults(seed: number, faults: readonly ChaosFault[]): FaultConfig {
  const on = new Set(faults);
  const rules: FaultConfig['rules'] = [];
  if (on.has('network')) {
    const operations = MONEY_AND_SYNC;
    rules.push(
      { fault: 'drop-before', probability: 0.03, operations },
      { fault: 'drop-after', probability: 0.03, operations },
      { fault: 'server-error', probability: 0.02, operations },
      { fault: 'server-error-after', probability: 0.02, operations },
      { fault: 'timeout', value: 1_200, probability: 0.01, operations },
      { fault: 'latency', value: 30, probability: 0.05, operations },
    );
  }
  if (on.has('events')) {
    rules.push(
      { fault: 'duplicate-events', probability: 0.3, operations: ['events'] },
      { fault: 'out-of-order-events', probability: 0.3, operations: ['events'] },
    );
  }
  if (on.has('unknown')) {
    rules.push(
      { fault: 'unknown-before', probability: 0.08, operations: ['cancel', 'refund'] },
      { fault: 'unknown-after', probability: 0.08, operations: ['cancel', 'refund'] },
    );
  }
  if (on.has('async-refunds')) {
    rules.push({ fault: 'refund-processing', value: 150, probability: 0.4, operations: ['refund'] });
  }
  return { seed, rules };
}

/**
 * Under `offline-payers` three in ten of the customers' offline payments reach
 * the gateway 35 s late (sandbox/late-reports.ts): after the bill's 30 s
 * validity (CRASH_BILL_SECONDS), so the till finds them only by asking past
 * it, as its hour of late reports (offlineMpm.lateReportMs) allows.
 */
export const CHAOS_LATE_REPORTS: LateReports = { share: 0.3, delayMs: 35_000 };

/** The gateway's late reports for the families switched on. */
export function chaosLateReports(faults: readonly ChaosFault[]): LateReports {
  return faults.includes('offline-payers') ? CHAOS_LATE_REPORTS : NO_LATE_REPORTS;
}

/** The clock step the `clock` family applies: past the ±5 minute signature window. */
export const CLOCK_STEP_MS = 6 * 60_000;

/**
 * The till's clock under the `clock` family: the system clock, stepped by
 * ±6 minutes for a few hundred milliseconds at random moments and then put
 * right, as when a till's time is set by hand or by a bad time fix.
 * `monotonic` is never stepped (durations are measured on it).
 */
export function steppingClock(seed: number): Clock {
  const random = mulberry32(seed);
  let offset = 0;
  let until = 0;
  return {
    now: () => {
      const t = Date.now();
      if (t >= until) {
        until = t + 150 + Math.floor(random() * 600);
        offset = random() < 0.2 ? (random() < 0.5 ? -CLOCK_STEP_MS : CLOCK_STEP_MS) : 0;
      }
      return t + offset;
    },
    monotonic: () => performance.now(),
  };
}
