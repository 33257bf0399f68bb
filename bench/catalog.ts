// The catalog at the counter with 50,000 items (issue 17):
// - catalog_import_50k: importing a 50,000-row CSV into an empty catalog (checks, one transaction, index);
// - catalog_start_50k: a fresh process opening the journal database and the 50,000-item catalog as
//   the till does at start, up to the first scan's item found; module loading is not counted;
// - catalog_search_index_50k: building the search index, which the till does once just after start
//   (and after an import), not before the first scan;
// - catalog_search_keystroke: one search per keystroke while typing names, 초성 and barcode digits
//   (value the median; p95 beside it);
// - catalog_scan_paint: in Chromium against the till in browser mode with 200 lines in the sale,
//   from the code handed to the core's scanner hub to the first animation frame whose DOM shows its
//   line (polled on frames from here, so it includes one round trip to the page).
//
//   node bin/run-ts.mjs bench/catalog.ts          (needs Debian's chromium)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuild } from '../main/browser/renderer-build.js';
import { Catalog } from '../src/catalog/index.js';
import { openJournalStore } from '../src/ledger/index.js';
import { systemClock } from '../src/platform/clock.js';
import { launchChromium } from '../test/e2e/support/browser.js';
import { ringUpLines, summarize } from '../test/e2e/support/keypad-perf.js';
import { startTill } from '../test/e2e/support/till-server.js';
import { benchBarcode, catalogCsv } from './lib/catalog-items.js';
import { median, printFigure } from './lib/measure.js';

const ITEMS = 50_000;
const LINES = 200;
const here = fileURLToPath(import.meta.url);
const tenth = (ms: number) => Math.round(ms * 10) / 10;

/** Child mode: load the catalog of `file` once and print how long it took. */
if (process.argv[2] === '--load') {
  const start = performance.now();
  const store = openJournalStore(process.argv[3]!, { clock: systemClock });
  const catalog = new Catalog({ db: store.db, journal: store.journal });
  const scanned = catalog.route(benchBarcode(ITEMS - 1));
  const ms = performance.now() - start;
  if (scanned.kind !== 'item' || catalog.count() !== ITEMS) throw new Error(`loaded ${catalog.count()} items; the scan is ${scanned.kind}`);
  const indexStart = performance.now();
  catalog.prepareSearch();
  console.log(JSON.stringify({ ms, indexMs: performance.now() - indexStart }));
  store.close();
  process.exit(0);
}

const scratch = mkdtempSync(join(tmpdir(), 'pos-bench-catalog-'));
const csv = catalogCsv(ITEMS);
try {
  const imports: number[] = [];
  for (let run = 0; run < 3; run++) {
    const store = openJournalStore(join(scratch, `import-${run}.db`), { clock: systemClock });
    const catalog = new Catalog({ db: store.db, journal: store.journal });
    const start = performance.now();
    const summary = catalog.importCsv(csv, 'bench');
    imports.push(performance.now() - start);
    if (summary.added !== ITEMS || summary.errors.length) throw new Error(`import: ${JSON.stringify(summary).slice(0, 200)}`);
    store.close();
  }
  printFigure({ name: 'catalog_import_50k', value: median(imports), unit: 'ms', n: imports.length, rows: ITEMS });

  const loads: number[] = [];
  const indexes: number[] = [];
  for (let run = 0; run < 5; run++) {
    const child = spawnSync(process.execPath, [...process.execArgv, here, '--load', join(scratch, 'import-0.db')], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(child.stderr);
    const figures = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ms: number; indexMs: number };
    loads.push(figures.ms);
    indexes.push(figures.indexMs);
  }
  printFigure({ name: 'catalog_start_50k', value: median(loads), unit: 'ms', n: loads.length, items: ITEMS });
  printFigure({ name: 'catalog_search_index_50k', value: median(indexes), unit: 'ms', n: indexes.length, items: ITEMS });

  const store = openJournalStore(join(scratch, 'import-0.db'), { clock: systemClock });
  const catalog = new Catalog({ db: store.db, journal: store.journal });
  const typed = ['ㅇ', 'ㅇㅁ', 'ㅇㅁㄹ', '바', '바나', '바나나', '바나나 ', '바나나 1', 's', 'sa', '8', '88', '880', '8800', '88000', '4', '45', '450', '4500'];
  const keystrokes: number[] = [];
  for (let round = 0; round < 60; round++) {
    for (const query of typed) {
      const start = performance.now();
      catalog.search(query, { limit: 30 });
      if (round >= 10) keystrokes.push(performance.now() - start);
    }
  }
  store.close();
  const k = summarize(keystrokes);
  printFigure({ name: 'catalog_search_keystroke', value: k.median, unit: 'ms', n: keystrokes.length, p95: tenth(k.p95), items: ITEMS });

  await ensureRendererBuild();
  const till = await startTill();
  const browser = await launchChromium();
  try {
    till.services.till.catalog.importCsv(csv, 'bench');
    const page = await browser.context.newPage();
    await page.goto(till.cashierUrl);
    await page.getByTestId('status-bar').waitFor();
    await ringUpLines(page, till.services.till.checkout, LINES);
    const paints: number[] = [];
    for (let i = 0; i < 130; i++) {
      const before = await page.getByTestId('sale-line').count();
      const handedOver = performance.now();
      till.services.till.scanners.submit('scan-box', benchBarcode((i * 7919) % ITEMS));
      // Polled on animation frames: resolves on the first frame that shows the new line.
      await page.waitForFunction(`document.querySelectorAll('[data-testid="sale-line"]').length > ${before}`, undefined, { polling: 'raf' });
      if (i >= 30) paints.push(performance.now() - handedOver);
      await page.waitForTimeout(30);
    }
    const p = summarize(paints);
    printFigure({ name: 'catalog_scan_paint', value: p.median, unit: 'ms', n: paints.length, p95: tenth(p.p95), items: ITEMS, lines: LINES });
  } finally {
    await browser.close();
    await till.close();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
