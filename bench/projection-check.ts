// The start-up comparison of the payment tables with the journal (issue 14 point 5) on the bench
// year journal: how long the till takes to open the comparison (the part on the start path), how
// long the whole comparison runs behind the till, its CPU, and its longest step between two
// event-loop turns (what a keystroke may wait while it runs). BENCH_YEAR_PAYMENTS / _DAYS shrink
// the journal (bench/lib/year-journal.ts); a year is minutes to generate and to compare.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { openDatabase } from '../src/ledger/index.js';
import { projectionDriftInSlices } from '../src/payments/projection-audit.js';
import { printFigure } from './lib/measure.js';
import { YEAR, yearJournal } from './lib/year-journal.js';

const file = await yearJournal((line) => console.error(line));
const opened = performance.now();
const db = openDatabase(file, { readonly: true });
db.exec('BEGIN');
const rows = (db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n;
const openMs = performance.now() - opened;
const cpu = process.cpuUsage();
const started = performance.now();
let last = started;
let longestStep = 0;
const problems = await projectionDriftInSlices(db, async () => {
  longestStep = Math.max(longestStep, performance.now() - last);
  await nextTurn();
  last = performance.now();
});
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
db.close();
if (problems.length > 0) throw new Error(`the bench journal disagrees with its projection: ${problems[0]!.message}`);
printFigure({
  name: 'projection_check_start',
  value: wallMs,
  unit: 'ms',
  n: 1,
  openMs,
  cpuMs: Math.round((used.user + used.system) / 1000),
  longestStepMs: longestStep,
  journalRows: rows,
  payments: YEAR.payments,
  days: YEAR.days,
});
