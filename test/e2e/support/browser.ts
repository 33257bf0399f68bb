import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';

export const SCREENSHOT_DIR = join('test-results', 'screenshots');

/** Debian's Chromium, or the one CHROMIUM_PATH names. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: install it with "sudo apt-get install chromium" (or set CHROMIUM_PATH)`);
  }
  return path;
}

/**
 * Chromium headless with a throw-away profile and nothing that phones home.
 * `env` adds to the browser's environment (e.g. FONTCONFIG_FILE, to choose the
 * system fonts it may see).
 */
export async function launchChromium({ env }: { env?: Record<string, string> } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'pos-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    ...(env ? { env: { ...process.env, ...env } as Record<string, string> } : {}),
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Collects what must never happen on a till page: uncaught errors and
 * Content-Security-Policy violations (an inline style or script slipped in).
 */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (apply|execute|load)/i.test(text)) problems.push(`CSP: ${text}`);
    else if (message.type() === 'error' && !/Failed to load resource/.test(text)) problems.push(`console error: ${text}`);
  });
  return { problems };
}

/** Saves a screenshot artifact under test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** A Chromium that {@link launchChromium} started. */
export type Chromium = Awaited<ReturnType<typeof launchChromium>>;

/** The till's cashier page at `url` in a fresh Chromium, once its status bar is up, watched by {@link watchPage}. */
export async function openCashier(
  url: string,
  options: { env?: Record<string, string> } = {},
): Promise<{ browser: Chromium; cashier: Page; problems: string[] }> {
  const browser = await launchChromium(options);
  const cashier = await browser.context.newPage();
  const { problems } = watchPage(cashier);
  await cashier.goto(url);
  await cashier.getByTestId('status-bar').waitFor();
  return { browser, cashier, problems };
}
