// The catalog at the counter with 50,000 items (issue 17):
// - catalog_import_50k: importing a 50,000-row CSV into an empty catalog (read, check every row, one transaction);
// - catalog_start_50k: a fresh process opening the journal database and the 50,000-item catalog as
//   the till does at start, up to the first scan's item found; module loading is not counted;
// - catalog_search_index_50k: building the search index, which the till does once just after start
//   (and after an import), not before the first scan;
// - catalog_search_keystroke: one search per keystroke while typing names, 초성 and barcode digits
//   (value the median; p95 beside it);
// - catalog_scan_paint: in Chromium against the till in browser mode with 200 lines in the sale,
//   from the code handed to the core's scanner hub to just after the frame that shows its line is
//   painted (bench/lib/scan-paint.ts; wall-clock times on this machine), the line taken off again
//   after each scan so every scan lands on a 200-line sale; beside it, when the page's DOM showed
//   the line (`shown*`), the core's share (hand-over to the checkout session telling the screens), and
//   how long the DOM change waited for the display's next frame to begin (`frameWaitP95Ms`, and how
//   many scans waited over 1 ms: a till at rest begins the frame at once).
//
//   node bin/run-ts.mjs bench/catalog.ts          (needs Debian's chromium)
//   node bin/run-ts.mjs bench/catalog.ts --trace scans.json   (also writes a Chromium trace of the scans)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuild } from '../main/browser/renderer-build.js';
import { Catalog } from '../src/catalog/index.js';
import { openLedger } from '../src/ledger/index.js';
import { systemClock } from '../src/platform/clock.js';
import { launchChromium } from '../test/e2e/support/browser.js';
import { ringUpLines, summarize } from '../test/e2e/support/keypad-perf.js';
import { startTill } from '../test/e2e/support/till-server.js';
import { benchBarcode, catalogCsv } from './lib/catalog-items.js';
import { median, printFigure } from './lib/measure.js';
import { traceChromium } from './lib/chromium-trace.js';
import { measureScanPaints } from './lib/scan-paint.js';


const ITEMS = 50_000;
const LINES = 200;
const here = fileURLToPath(import.meta.url);
const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
const tracePath = process.argv[2] === '--trace' ? process.argv[3] : undefined;
const tenth = (ms: number) => Math.round(ms * 10) / 10;
/** This process's CPU time in ms: beside each wall-clock figure, since the machine is shared (a busy neighbour stretches wall time, not CPU time). */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Child mode: load the catalog of `file` once and print how long it took. */
if (process.argv[2] === '--load') {
  const start = performance.now();
  const cpuStart = cpuMs();
  const store = openLedger(process.argv[3]!, { clock: systemClock });
  const catalog = new Catalog({ db: store.db, journal: store.journal });
  const scanned = catalog.route(benchBarcode(ITEMS - 1));
  const ms = performance.now() - start;
  const cpu = cpuMs() - cpuStart;
  if (scanned.kind !== 'item' || catalog.count() !== ITEMS) throw new Error(`loaded ${catalog.count()} items; the scan is ${scanned.kind}`);
  const indexStart = performance.now();
  const indexCpuStart = cpuMs();
  catalog.prepareSearch();
  console.log(JSON.stringify({ ms, cpu, indexMs: performance.now() - indexStart, indexCpu: cpuMs() - indexCpuStart }));
  store.close();
  process.exit(0);
}

const scratch = mkdtempSync(join(tmpdir(), 'pos-bench-catalog-'));
const csv = catalogCsv(ITEMS);
try {
  const imports: number[] = [];
  const importCpus: number[] = [];
  for (let run = 0; run < 3; run++) {
    const store = openLedger(join(scratch, `import-${run}.db`), { clock: systemClock });
    const catalog = new Catalog({ db: store.db, journal: store.journal });
    const start = performance.now();
    const cpuStart = cpuMs();
    const summary = catalog.importCsv(csv, 'bench');
    imports.push(performance.now() - start);
    importCpus.push(cpuMs() - cpuStart);
    if (summary.added !== ITEMS || summary.errors.length) throw new Error(`import: ${JSON.stringify(summary).slice(0, 200)}`);
    store.close();
  }
  printFigure({ name: 'catalog_import_50k', value: median(imports), unit: 'ms', n: imports.length, cpuMs: tenth(median(importCpus)), rows: ITEMS });

  const loads: number[] = [];
  const indexes: number[] = [];
  const loadCpus: number[] = [];
  const indexCpus: number[] = [];
  for (let run = 0; run < 3; run++) {
    // Through bin/run-ts.mjs as this script was started (its TypeScript loader is not in execArgv).
    const child = spawnSync(process.execPath, [runTs, here, '--load', join(scratch, 'import-0.db')], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(child.stderr);
    const figures = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ms: number; cpu: number; indexMs: number; indexCpu: number };
    loads.push(figures.ms);
    indexes.push(figures.indexMs);
    loadCpus.push(figures.cpu);
    indexCpus.push(figures.indexCpu);
  }
  printFigure({ name: 'catalog_start_50k', value: median(loads), unit: 'ms', n: loads.length, cpuMs: tenth(median(loadCpus)), items: ITEMS });
  printFigure({ name: 'catalog_search_index_50k', value: median(indexes), unit: 'ms', n: indexes.length, cpuMs: tenth(median(indexCpus)), items: ITEMS });

  const store = openLedger(join(scratch, 'import-0.db'), { clock: systemClock });
  const catalog = new Catalog({ db: store.db, journal: store.journal });
  const typed = ['ㅇ', 'ㅇㅁ', 'ㅇㅁㄹ', '바', '바나', '바나나', '바나나 ', '바나나 1', 's', 'sa', '8', '88', '880', '8800', '88000', '4', '45', '450', '4500'];
  const keystrokes: number[] = [];
  let keystrokeCpu = 0;
  for (let round = 0; round < 60; round++) {
    if (round === 10) keystrokeCpu = cpuMs();
    for (const query of typed) {
      const start = performance.now();
      catalog.search(query, { limit: 30 });
      if (round >= 10) keystrokes.push(performance.now() - start);
    }
  }
  keystrokeCpu = (cpuMs() - keystrokeCpu) / keystrokes.length;
  store.close();
  const k = summarize(keystrokes);
  printFigure({ name: 'catalog_search_keystroke', value: k.median, unit: 'ms', n: keystrokes.length, p95: tenth(k.p95), cpuMeanMs: Math.round(keystrokeCpu * 100) / 100, items: ITEMS });

  await ensureRendererBuild();
  const till = await startTill();
  const browser = await launchChromium();
  try {
    till.services.till.catalog.importCsv(csv, 'bench');
    const page = await browser.context.newPage();
    await page.goto(till.cashierUrl);
    await page.getByTestId('status-bar').waitFor();
    await ringUpLines(page, till.services.till.checkout, LINES);
    const { checkout, scanners } = till.services.till;
    const codes = Array.from({ length: 115 }, (_, i) => benchBarcode((i * 7919) % ITEMS));
    const measure = () => measureScanPaints(page, { checkout, submit: (code) => scanners.submit('scan-box', code), codes, lines: LINES, warmup: 15 });
    const scans = tracePath ? await traceChromium(page, tracePath, measure) : await measure();
    const p = summarize(scans.map((s) => s.painted));
    const shown = summarize(scans.map((s) => s.shown));
    const core = summarize(scans.map((s) => s.core));
    const waits = scans.map((s) => s.frameWait);
    printFigure({
      name: 'catalog_scan_paint',
      value: tenth(p.median),
      unit: 'ms',
      n: scans.length,
      p95: tenth(p.p95),
      shownMedianMs: tenth(shown.median),
      shownP95Ms: tenth(shown.p95),
      coreMedianMs: tenth(core.median),
      coreP95Ms: tenth(core.p95),
      frameWaitP95Ms: tenth(summarize(waits).p95),
      scansThatWaited: waits.filter((w) => w > 1).length,
      items: ITEMS,
      lines: LINES,
    });
  } finally {
    await browser.close();
    await till.close();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
