import type { Page } from 'playwright-core';
import type { CheckoutSession } from '../../../src/payments/checkout-session.js';

/** The measures the renderer records per keypad press (renderer/src/perf/keypad-timing.ts). */
const MEASURE = 'keypad-paint';
const WORK = 'keypad-work';

/**
 * Puts `count` open-price lines in the till's checkout session, as a long
 * sale would have, and waits until the page shows them all. They go to the
 * session directly (each one published to the page like a cashier's line):
 * typing 200 lines through the page would measure the loaded machine, not the
 * keypad press this file times.
 */
export async function ringUpLines(page: Page, checkout: CheckoutSession, count: number): Promise<void> {
  for (let i = 0; i < count; i++) checkout.addLine({ name: '상품', unitPrice: 1000 + i, quantity: 1, tax: 'taxable' });
  await page.getByTestId('sale-line').nth(count - 1).waitFor();
  await page.getByTestId('amount-entry').focus();
}

/**
 * Presses touch-keypad digits `presses` times (the first `warmup` not
 * counted) and returns each press's input-to-paint and input-to-layout
 * times in ms, from the performance measures the page records.
 */
export async function measureKeypadPaints(page: Page, { warmup, presses }: { warmup: number; presses: number }): Promise<{ paint: number[]; work: number[] }> {
  const clear = () => page.evaluate((names) => names.forEach((n) => performance.clearMeasures(n)), [MEASURE, WORK]);
  await clear();
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  for (let i = 0; i < warmup + presses; i++) {
    if (i === warmup) await clear();
    // The entry holds ten digits at most; clear it now and then so every press changes it.
    if (i % 9 === 8) await page.locator('[data-key="clear"]').click();
    else await page.locator(`[data-key="${keys[i % keys.length]}"]`).click();
    // One press per frame or two, as a fast cashier would; the measure lands after the paint.
    await page.waitForTimeout(30);
  }
  await page.waitForFunction((args) => performance.getEntriesByName(args.name).length >= args.count, { name: MEASURE, count: presses });
  const durations = (name: string) => page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
  return { paint: await durations(MEASURE), work: await durations(WORK) };
}

/** Median and 95th percentile of samples. */
export function summarize(samples: number[]): { median: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, p95: at(0.95), max: sorted.at(-1)! };
}
