import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** What a scan's frame costs, thread by thread: the page's tasks, its frames' lifecycle, raster and the compositor. */
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink',
  'cc',
  'viz',
  'toplevel',
  'v8.execute',
];

/**
 * Runs `work` under a Chromium trace of `page` and writes the trace to `path`
 * (JSON, for Perfetto or chrome://tracing). Playwright's own tracing API needs
 * a Browser, which a persistent context has not, so this speaks CDP.
 */
export async function traceChromium<T>(page: Page, path: string, work: () => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
  try {
    return await work();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    writeFileSync(path, JSON.stringify({ traceEvents: events }));
    await cdp.detach();
  }
}
