import { describe, expect, it } from 'vitest';
import { useCashier } from './support/cashier.js';

/** What a mis-framed scan typed into the amount field (issue 13 point 8). */
const MISREAD = '1347289539';

describe.sequential('an open-price line over the limit in Chromium (issue 13, point 8)', () => {
  const c = useCashier();

  const typeAmount = async (digits: string) => {
    const entry = c.cashier.getByTestId('amount-entry');
    // Filled, not typed: ten keys in one fast burst are a keyboard-wedge scan (renderer/src/input/wedge-listener.ts).
    await entry.fill(digits);
    await expect.poll(() => entry.inputValue()).toBe(digits);
    await c.cashier.keyboard.press('Enter');
  };

  it('asks before adding ₩1,347,289,539, adds nothing when refused (Esc or 아니요), and adds it once confirmed', async () => {
    await typeAmount(MISREAD);
    const ask = c.cashier.getByTestId('panel-confirm-open-price');
    await ask.waitFor();
    expect(await ask.getAttribute('data-amount')).toBe(MISREAD);
    expect(await ask.innerText()).toContain('1,347,289,539');
    await c.cashier.keyboard.press('Enter'); // a scan's second line feed confirms nothing
    await c.cashier.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    expect(await c.cashier.getByTestId('sale-line').count()).toBe(0);
    expect(c.till.services.till.checkout.state().lines).toEqual([]);

    await typeAmount(MISREAD);
    await ask.waitFor();
    await c.cashier.getByTestId('refuse-open-price').click();
    await ask.waitFor({ state: 'detached' });
    expect(c.till.services.till.checkout.state().lines).toEqual([]);

    await typeAmount(MISREAD);
    await c.cashier.getByTestId('confirm-open-price').click();
    await expect.poll(() => c.cashier.getByTestId('sale-line').count()).toBe(1);
    expect(c.till.services.till.checkout.state().lines).toMatchObject([{ unitPrice: 1_347_289_539, quantity: 1 }]);
  }, 60_000);

  it('adds an amount at the limit without asking', async () => {
    await typeAmount('1000000');
    await expect.poll(() => c.cashier.getByTestId('sale-line').count()).toBe(2);
    expect(await c.cashier.getByTestId('panel-confirm-open-price').count()).toBe(0);
  }, 60_000);

  it('never violated the CSP or threw on the page', () => {
    expect(c.problems).toEqual([]);
  });
});
