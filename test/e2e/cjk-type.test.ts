import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Chromium, openCashier, screenshot } from './support/browser.js';
import { type TillServer, startTill } from './support/till-server.js';

// The page's globals, for the functions that run in Chromium. Declared in this module only: the
// test project has no DOM lib, so that src/ never sees DOM types.
interface PageElement {
  textContent: string | null;
  className: string;
  dataset: Record<string, string>;
  style: { fontFamily: string };
  appendChild(child: PageElement): void;
  remove(): void;
}
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { font: string; fillText(text: string, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}
declare const document: {
  createElement(tag: 'span'): PageElement;
  createElement(tag: 'canvas'): PageCanvas;
  querySelectorAll(selector: string): PageElement[];
  documentElement: { lang: string };
  fonts: { ready: Promise<unknown>; load(font: string, text: string): Promise<unknown>; check(font: string, text: string): boolean };
};
declare function getComputedStyle(element: unknown): { fontFamily: string };

/**
 * A fontconfig that lets Chromium see Latin system fonts only (DejaVu), the way
 * a stock Debian machine without fonts-noto-cjk looks, whatever fonts the
 * machine running the test has.
 */
function fontconfigWithoutCjk(dir: string): string {
  const latinOnly = ['/usr/share/fonts/truetype/dejavu'].filter((d) => existsSync(d));
  const file = join(dir, 'fonts.conf');
  mkdirSync(join(dir, 'cache'), { recursive: true });
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${latinOnly.map((d) => `  <dir>${d}</dir>\n`).join('')}  <cachedir>${join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
  );
  return file;
}

/**
 * Screenshots of each character of `text`, drawn one per span inside `parent`
 * (so they inherit the page's real type there). A missing glyph draws the same
 * box for every character, and a missing font with no fallback draws nothing,
 * so two different characters with the same picture mean no real glyphs.
 */
async function glyphShots(page: Page, parent: Locator, text: string, fontFamily?: string): Promise<Buffer[]> {
  const ids = await parent.evaluate(
    (el: PageElement, { chars, family }) =>
      chars.map((ch, i) => {
        const span = document.createElement('span');
        span.textContent = ch;
        span.dataset.testid = `glyph-probe-${i}`;
        span.className = 'glyph-probe';
        if (family) span.style.fontFamily = family; // CSSOM, not an inline style attribute: the CSP allows it
        el.appendChild(span);
        return span.dataset.testid;
      }),
    { chars: [...text], family: fontFamily },
  );
  await page.evaluate(() => document.fonts.ready);
  const shots = [];
  for (const id of ids) shots.push(await page.getByTestId(id).screenshot());
  await page.evaluate(() => document.querySelectorAll('.glyph-probe').forEach((n) => n.remove()));
  return shots;
}

const allDifferent = (shots: Buffer[]) => shots.every((a, i) => shots.every((b, j) => i === j || !a.equals(b)));

/** Pixels of each character drawn on a canvas with `family` (the way chart.js draws its labels). */
async function canvasGlyphs(page: Page, text: string, family: 'ui' | 'sans-serif'): Promise<string[]> {
  return page.evaluate(
    async ({ chars, family }) => {
      const stack = family === 'ui' ? getComputedStyle(document.documentElement).fontFamily : family;
      await document.fonts.load(`16px ${stack}`, chars.join(''));
      return chars.map((ch) => {
        const canvas = document.createElement('canvas');
        canvas.width = 32;
        canvas.height = 32;
        const ctx = canvas.getContext('2d')!;
        ctx.font = `24px ${stack}`;
        ctx.fillText(ch, 2, 26);
        return Array.from(ctx.getImageData(0, 0, 32, 32).data.filter((_, k) => k % 4 === 3)).join(',');
      });
    },
    { chars: [...text], family },
  );
}

describe.sequential('the shipped Korean and Chinese type, in Chromium with no system CJK font', () => {
  let till: TillServer;
  let browser: Chromium;
  let cashier: Page;
  let problems: string[] = [];
  const fontDir = mkdtempSync(join(tmpdir(), 'pos-fontconfig-'));

  beforeAll(async () => {
    till = await startTill();
    ({ browser, cashier, problems } = await openCashier(till.cashierUrl, { env: { FONTCONFIG_FILE: fontconfigWithoutCjk(fontDir) } }));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await till?.close();
    rmSync(fontDir, { recursive: true, force: true });
  });

  it('has no CJK system font: without the app\'s faces, Korean and Chinese characters all draw the same box', async () => {
    const nav = cashier.locator('.nav-bar');
    expect(allDifferent(await glyphShots(cashier, nav, '판매', 'sans-serif'))).toBe(false);
    expect(allDifferent(await glyphShots(cashier, nav, '收银', 'sans-serif'))).toBe(false);
    const tofu = await canvasGlyphs(cashier, '판매', 'sans-serif');
    expect(tofu[0]).toBe(tofu[1]);
  });

  it('draws Korean in the UI with its own font, in the nav bar\'s real type', async () => {
    const label = await cashier.getByTestId('nav-sale').innerText();
    expect(label).toMatch(/[\uac00-\ud7a3]/);
    await expect.poll(async () => allDifferent(await glyphShots(cashier, cashier.locator('.nav-bar'), label)), { timeout: 15_000 }).toBe(true);
    expect(await cashier.evaluate(() => document.fonts.check('16px "Noto Sans KR"', '판매'))).toBe(true);
    expect(await cashier.evaluate(() => document.documentElement.lang)).toBe('ko');
    await screenshot(cashier, 'cjk-type-korean');
  });

  it('draws Korean and Chinese on a canvas with the UI\'s font stack, as the close-out charts do', async () => {
    const hangul = await canvasGlyphs(cashier, '현금판매', 'ui');
    const hanzi = await canvasGlyphs(cashier, '现金收银', 'ui');
    expect(new Set(hangul).size).toBe(4);
    expect(new Set(hanzi).size).toBe(4);
  });

  it('switches to Chinese: <html lang="zh"> and Chinese glyphs, not boxes or blanks', async () => {
    await cashier.getByTestId('nav-settings').click();
    await cashier.getByTestId('settings-language').click();
    await cashier.getByTestId('language-zh').click();
    await expect.poll(() => cashier.evaluate(() => document.documentElement.lang)).toBe('zh');
    const label = await cashier.getByTestId('nav-sale').innerText();
    expect(label).toMatch(/[\u4e00-\u9fff]/);
    await expect.poll(async () => allDifferent(await glyphShots(cashier, cashier.locator('.nav-bar'), label)), { timeout: 15_000 }).toBe(true);
    expect(await cashier.evaluate(() => document.fonts.check('16px "Noto Sans SC"', '收银'))).toBe(true);
    await screenshot(cashier, 'cjk-type-chinese');
    await cashier.getByTestId('language-ko').click();
    await expect.poll(() => cashier.evaluate(() => document.documentElement.lang)).toBe('ko');
    expect(problems).toEqual([]);
  });
});
