import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type Chromium, openCashier } from './browser.js';
import { type TillServer, startTill } from './till-server.js';

/** A till and its cashier page in Chromium, shared by the tests of one describe block. */
export interface CashierFixture {
  till: TillServer;
  browser: Chromium;
  cashier: Page;
  /** What {@link watchPage} collected on the cashier page: CSP violations, uncaught errors. */
  problems: string[];
}

/**
 * Starts a fresh till (training unless `live`) before the block's tests and
 * opens its cashier page once the status bar is up; closes both after them.
 * `prepare` runs on the till before the page opens (e.g. staff to save).
 * `store` names the store server to link it to, asked when the till starts.
 * The fields are filled in before the first test runs.
 */
export function useCashier(
  options: { live?: boolean; store?: () => { url: string; enrollmentCode: string }; prepare?: (till: TillServer) => Promise<void> } = {},
): CashierFixture {
  const fixture = {} as CashierFixture;
  beforeAll(async () => {
    fixture.till = await startTill({ ...(options.live ? { live: true } : {}), ...(options.store ? { store: options.store() } : {}) });
    await options.prepare?.(fixture.till);
    Object.assign(fixture, await openCashier(fixture.till.cashierUrl));
  }, 60_000);
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.till?.close();
  });
  return fixture;
}
