// ui_keypress_paint: a touch-keypad press on the sale screen with 200 lines in
// the sale, in Chromium against the till in browser mode (training mode), from
// the input event to the painted frame (performance measures the renderer
// records: renderer/src/perf/keypad-timing.ts). Also ui_keypress_work: the
// press's own cost (React commit + layout), which must fit well inside a frame.
//
//   node bin/run-ts.mjs bench/ui-keypress.ts          (needs Debian's chromium)
import { ensureRendererBuild } from '../main/browser/renderer-build.js';
import { launchChromium } from '../test/e2e/support/browser.js';
import { measureKeypadPaints, ringUpLines, summarize } from '../test/e2e/support/keypad-perf.js';
import { startTill } from '../test/e2e/support/till-server.js';
import { printFigure } from './lib/measure.js';

const LINES = 200;
const WARMUP = 30;
const PRESSES = 300;

await ensureRendererBuild();
const till = await startTill();
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.goto(till.cashierUrl);
  await page.getByTestId('status-bar').waitFor();
  await ringUpLines(page, till.services.till.checkout, LINES);
  const { paint, work } = await measureKeypadPaints(page, { warmup: WARMUP, presses: PRESSES });
  const p = summarize(paint);
  const w = summarize(work);
  const tenth = (ms: number) => Math.round(ms * 10) / 10;
  printFigure({ name: 'ui_keypress_paint', value: p.median, unit: 'ms', n: paint.length, p95: tenth(p.p95), lines: LINES });
  printFigure({ name: 'ui_keypress_work', value: w.median, unit: 'ms', n: work.length, p95: tenth(w.p95), lines: LINES });
} finally {
  await browser.close();
  await till.close();
}
