import type { KeyObject } from 'node:crypto';
import type { Ledger } from '../../src/ledger/index.js';
import { CloseOut } from '../../src/closeout/index.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import type { Sleeper } from '../../src/payments/ports.js';
import { StaffList, hashPin } from '../../src/payments/roles.js';
import { ManualClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import type { RelayGateway } from '../../src/relay/gateway.js';
import type { StatementPlants } from '../../sandbox/statement-plants.js';
import { CASHIER_PIN, MANAGER_PIN, type Sandbox, fastConfig, openTill, startGateway } from '../payments/harness.js';

/** PINs of the close-out tests' staff: the payment harness's cashier and manager, and an owner. */
export { CASHIER_PIN, MANAGER_PIN };
export const OWNER_PIN = '9090';

export const staff = new StaffList([
  { staffId: 'c1', name: 'Cashier Kim', role: 'cashier', pinHash: hashPin(CASHIER_PIN) },
  { staffId: 'm1', name: 'Manager Lee', role: 'manager', pinHash: hashPin(MANAGER_PIN) },
  { staffId: 'o1', name: 'Owner Park', role: 'owner', pinHash: hashPin(OWNER_PIN) },
]);

/** Milliseconds of a KST wall-clock time (KST is UTC+9 all year). */
export function kst(iso: string): number {
  return Date.parse(`${iso}+09:00`);
}

/**
 * Waits really (not on the ManualClock): the till's retry loops and the
 * sandbox's sweep run on timers, while the shop's clock moves only when the
 * test moves it, so hours, deadlines and business dates are the test's to set.
 */
const briefSleeper: Sleeper = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 25))) };

/** Polls until `condition` holds (real time). */
export async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface ClosingTill {
  clock: ManualClock;
  sandbox: Sandbox;
  /** The terminal's signing key, registered with the sandbox. */
  key: KeyObject;
  engine: PaymentEngine;
  /** The relay client the engine and the close-out share. */
  gateway: RelayGateway;
  ledger: Ledger;
  closeout: CloseOut;
  /** Stops the till the way a crash leaves it (only the journal survives) and starts a new one on the same file. */
  restart(): Promise<void>;
  /** Plants differences in the sandbox's settlement statement through its admin endpoint. */
  plant(plants: Omit<StatementPlants, 'terminalId'>): Promise<unknown>;
  close(): Promise<void>;
}

/** A till (real engine, real sandbox on loopback, journal in `dir`) with its close-out, on a ManualClock. */
export async function startClosingTill(
  dir: string,
  start: number,
  cutoffHour = 4,
  engineConfig: Record<string, unknown> = {},
): Promise<ClosingTill> {
  const clock = new ManualClock(start);
  // The manual clock stands still between steps: WeChat Pay's earliest reverse (15 s) would never
  // pass, so it is off here (test/sandbox/wallet-rules.test.ts and test/payments/early-reverse.test.ts test it).
  const { sandbox, client, key } = await startGateway(dir, 'T01', clock, 0);
  const timing = { inquiry: { ...fastConfig.inquiry, earliestReverseMs: 0 } };
  const build = () => {
    const gateway = client();
    const till = openTill(dir, gateway, { clock, staff, sleeper: briefSleeper, config: { ...timing, ...engineConfig } as never });
    const closeout = new CloseOut({
      ledger: till.ledger,
      payments: till.engine.store,
      gateway,
      staff,
      clock,
      logger: silentLogger,
      config: { terminalId: 'T01', cutoffHour },
      terminalKey: key,
    });
    return { ...till, gateway, closeout };
  };
  const state: ClosingTill = {
    ...build(),
    clock,
    sandbox,
    key,
    restart: async () => {
      await state.engine.stop();
      state.ledger.close();
      Object.assign(state, build());
      await state.engine.start().settled;
    },
    plant: async (plants) => {
      const answer = await fetch(`${sandbox.url}/sandbox/admin/statement-plants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ terminalId: 'T01', ...plants }),
      });
      if (!answer.ok) throw new Error(`planting failed: ${answer.status} ${await answer.text()}`);
      return answer.json();
    },
    close: async () => {
      await state.engine.stop();
      state.ledger.close();
      await sandbox.close();
    },
  };
  state.engine.start();
  return state;
}
