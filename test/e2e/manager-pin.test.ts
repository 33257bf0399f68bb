import { describe, expect, it } from 'vitest';
import { DEFAULT_OWNER_PIN } from '../../main/services/staff-store.js';
import { useCashier } from './support/cashier.js';

const MANAGER_PIN = '5151';
const CASHIER_PIN = '7373';

// Issue 14 point 3: the store details, the printer profile and the exports ask for a
// manager's PIN in one prompt; the core decides, the prompt says why a PIN was refused.
describe.sequential("the manager's PIN prompt in Chromium", () => {
  const c = useCashier({
    prepare: async (till) => {
      const { staff } = till.services.till;
      await staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'kim', name: '김매니저', role: 'manager', pin: MANAGER_PIN });
      await staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'lee', name: '이캐셔', role: 'cashier', pin: CASHIER_PIN });
    },
  });

  const prompt = () => c.cashier.getByTestId('pin-prompt');
  const enterPin = async (pin: string) => {
    await prompt().getByTestId('pin-input').fill(pin);
    await prompt().getByTestId('pin-prompt-submit').click();
  };

  it("saves the store details only after a manager's PIN; a cashier's PIN is refused in the prompt", async () => {
    await c.cashier.getByTestId('nav-settings').click();
    await c.cashier.getByTestId('store-name').fill('한강분식');
    await c.cashier.getByTestId('store-businessNumber').fill('123-45-67891');
    await c.cashier.getByTestId('store-save').click();
    await prompt().waitFor();
    await enterPin(CASHIER_PIN);
    await expect.poll(() => prompt().getAttribute('data-error'), { timeout: 15_000 }).toBe('role-too-low');
    expect(await prompt().getByTestId('pin-prompt-error').innerText()).toContain('매니저');
    expect(c.till.services.settings.get().store.name).toBe('');
    await enterPin(MANAGER_PIN);
    await prompt().waitFor({ state: 'detached', timeout: 15_000 });
    await c.cashier.getByTestId('notice').filter({ hasText: '저장' }).first().waitFor();
    expect(c.till.services.settings.get().store).toMatchObject({ name: '한강분식', businessNumber: '123-45-67891' });
  });

  it('leaves the printer profile alone when the prompt is cancelled, and changes it with the PIN', async () => {
    await c.cashier.getByTestId('settings-devices').click();
    const select = c.cashier.getByTestId('printer-profile');
    await select.waitFor();
    const before = c.till.services.till.devicePreferences.get().printerProfile;
    const other = before === 'korean-58' ? 'korean-80' : 'korean-58';
    await select.selectOption(other);
    await prompt().waitFor();
    await prompt().getByTestId('pin-prompt-cancel').click();
    await prompt().waitFor({ state: 'detached' });
    expect(await select.inputValue()).toBe(before);
    expect(c.till.services.till.devicePreferences.get().printerProfile).toBe(before);
    expect(await c.cashier.getByTestId('form-error').count()).toBe(0);

    await select.selectOption(other);
    await enterPin(MANAGER_PIN);
    await prompt().waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => select.inputValue()).toBe(other);
    expect(c.till.services.till.devicePreferences.get().printerProfile).toBe(other);
  });

  it("downloads the close-out CSV only after a manager's PIN", async () => {
    await c.cashier.getByTestId('nav-closeout').click();
    await c.cashier.getByTestId('x-report').click();
    await c.cashier.locator('[data-testid="closeout-title"][data-kind="X"]').waitFor();
    await c.cashier.getByTestId('closeout-csv').click();
    await prompt().waitFor();
    const [download] = await Promise.all([c.cashier.waitForEvent('download'), enterPin(MANAGER_PIN)]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(c.problems).toEqual([]);
  });
});
