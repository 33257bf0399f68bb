import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isValidBusinessNumber } from '../../src/receipts/store-details-schema.js';
import { useCashier } from './support/cashier.js';

const TOUCH_PX = 44;
const HANGUL = /[\uac00-\ud7a3\u3131-\u318e]/;
const HAN = /[\u4e00-\u9fff]/;
const LIVE_OWNER_PIN = '246813'; // test/helpers/live-gateway.ts: live mode refuses the first-start 0000

const heights = (locator: Locator) => locator.evaluateAll((all) => all.map((e) => ({ name: e.getAttribute('data-testid') ?? e.tagName, height: e.getBoundingClientRect().height, width: e.getBoundingClientRect().width })));

// Issue 13 point 8: the counter details a cashier trips over, in the settings and the languages.
describe.sequential('the settings details in Chromium, training mode (issue 13, point 8)', () => {
  const c = useCashier();

  it('takes a business number typed without hyphens, and its hint is a number that passes the check digit', async () => {
    const { cashier } = c;
    await cashier.getByTestId('nav-settings').click();
    const hint = await cashier.getByTestId('store-hint').innerText();
    const example = /\d{3}-\d{2}-\d{5}/.exec(hint)?.[0];
    expect(example).toBeDefined();
    expect(isValidBusinessNumber(example!)).toBe(true);
    await cashier.getByTestId('store-name').fill('한강분식');
    await cashier.getByTestId('store-businessNumber').fill('1234567891');
    await cashier.getByTestId('store-save').click();
    await cashier.getByTestId('pin-prompt').getByTestId('pin-input').fill('0000');
    await cashier.getByTestId('pin-prompt-submit').click();
    await cashier.getByTestId('notice').filter({ hasText: '저장' }).first().waitFor();
    expect(c.till.services.settings.get().store.businessNumber).toBe('123-45-67891');
    await expect.poll(() => cashier.getByTestId('store-businessNumber').inputValue()).toBe('123-45-67891');
  });

  it('gives the settings fields, tabs and checkboxes at least 44 px', async () => {
    const { cashier } = c;
    const fields = await heights(cashier.locator('.settings-screen input, .settings-screen button, .settings-screen select'));
    await cashier.getByTestId('settings-language').click();
    const mute = cashier.getByTestId('mute');
    await mute.waitFor();
    const checkbox = await heights(cashier.locator('.settings-screen label:has(input[type="checkbox"])'));
    for (const f of [...fields, ...checkbox]) expect({ name: f.name, tall: f.height >= TOUCH_PX }).toEqual({ name: f.name, tall: true });
    expect(fields.length).toBeGreaterThanOrEqual(10);
    expect(checkbox.length).toBeGreaterThanOrEqual(1);
    const box = (await mute.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24); // the box itself is big enough to see; its label takes the tap
  });

  it('speaks English and Chinese everywhere, device and printer-profile names too, and <html lang> follows', async () => {
    const { cashier } = c;
    const lang = () => cashier.locator('html').getAttribute('lang');
    expect(await lang()).toBe('ko');
    const chrome = async () =>
      [
        await cashier.locator('.nav-bar').innerText(),
        await cashier.locator('.settings-nav').innerText(),
        await cashier.getByTestId('status-bar').innerText(),
        ...(await cashier.getByTestId('device-row').allInnerTexts()),
        ...(await cashier.locator('[data-testid="printer-profile"] option').allInnerTexts()),
      ].join('\n');
    const profiles = () => cashier.locator('[data-testid="printer-profile"] option').allInnerTexts();

    await cashier.getByTestId('language-en').click();
    await expect.poll(lang).toBe('en');
    await cashier.getByTestId('settings-devices').click();
    await cashier.getByTestId('device-row').first().waitFor();
    const english = await chrome();
    expect(english).toContain('Sale');
    expect(english.split('\n').filter((line) => HANGUL.test(line))).toEqual([]);
    const englishProfiles = await profiles();

    await cashier.getByTestId('settings-language').click();
    await cashier.getByTestId('language-zh').click();
    await expect.poll(lang).toBe('zh');
    await cashier.getByTestId('settings-devices').click();
    await cashier.getByTestId('device-row').first().waitFor();
    const chinese = await chrome();
    expect(chinese.split('\n').filter((line) => HANGUL.test(line))).toEqual([]);
    const chineseProfiles = await profiles();
    expect(chineseProfiles).toHaveLength(englishProfiles.length);
    for (const [i, name] of chineseProfiles.entries()) {
      expect(HAN.test(name)).toBe(true);
      expect(name).not.toBe(englishProfiles[i]);
    }
    for (const kind of await cashier.getByTestId('device-row').locator('td:nth-child(2)').allInnerTexts()) expect(HAN.test(kind)).toBe(true);

    await cashier.getByTestId('settings-language').click();
    await cashier.getByTestId('language-ko').click();
    await expect.poll(lang).toBe('ko');
    expect(c.problems).toEqual([]);
  });
});

describe.sequential('a live till without its store details in Chromium (issue 13, point 8)', () => {
  const c = useCashier({ live: true });

  it('refuses to sell until 상호, 사업자등록번호 and 대표자 are set, and sells once they are', async () => {
    const { cashier } = c;
    expect(c.till.services.mode).toBe('live');
    const entry = cashier.getByTestId('amount-entry');
    await entry.focus();
    await cashier.keyboard.type('3000', { delay: 120 });
    await cashier.keyboard.press('Enter');
    await expect.poll(() => cashier.getByTestId('sale-total').getAttribute('data-total')).toBe('3000');
    await cashier.keyboard.press('F4');
    await cashier.getByTestId('panel-cash').waitFor();
    await cashier.getByTestId('take-cash').click();
    const refused = cashier.locator('[data-testid="panel-refused"][data-code="store-details-missing"]');
    await refused.waitFor();
    const said = await refused.innerText();
    for (const field of ['상호', '사업자등록번호', '대표자']) expect(said).toContain(field);
    expect(c.till.services.till.engine.store.tendersOfSale(c.till.services.till.checkout.state().sale?.saleId ?? 'none')).toEqual([]);
    await cashier.getByTestId('dismiss').click();

    await cashier.getByTestId('nav-settings').click();
    await cashier.getByTestId('store-name').fill('한강분식');
    await cashier.getByTestId('store-businessNumber').fill('123-45-67891');
    await cashier.getByTestId('store-representative').fill('김한강');
    await cashier.getByTestId('store-save').click();
    await cashier.getByTestId('pin-prompt').getByTestId('pin-input').fill(LIVE_OWNER_PIN);
    await cashier.getByTestId('pin-prompt-submit').click();
    await cashier.getByTestId('notice').filter({ hasText: '저장' }).first().waitFor();

    await cashier.getByTestId('nav-sale').click();
    await cashier.keyboard.press('F4');
    await cashier.getByTestId('panel-cash').waitFor();
    await cashier.getByTestId('take-cash').click();
    await cashier.locator('[data-testid="panel-approved"][data-complete="true"]').waitFor({ timeout: 20_000 });
    expect(c.problems).toEqual([]);
  }, 60_000);
});
