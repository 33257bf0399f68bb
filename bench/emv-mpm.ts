// Build + parse of one dynamic EMV merchant QR, the work of showing an
// offline MPM code and checking it. Target: under 20 µs (issue 3).
import { type EmvMpmInput, buildEmvMpm, parseEmvMpm } from '../src/codes/index.js';
import { SEOUL_SALE } from '../test/codes/fixtures/seoul-sale.js';
import { median, printFigure, timeMany } from './lib/measure.js';

// A bill number as long as the till's real ones (date + sequence).
const sale: EmvMpmInput = {
  ...SEOUL_SALE,
  additionalData: { billNumber: 'B20260105-0042', terminalLabel: 'POS01' },
};

// One sample times a batch, so the timer's resolution does not dominate a
// few-microsecond operation; the figure is per build+parse.
const BATCH = 200;
const RUNS = 300;
let sink = 0;
const samples = await timeMany(
  () => {
    for (let i = 0; i < BATCH; i++) {
      const payload = buildEmvMpm({ ...sale, transactionAmount: String(15000 + i) });
      sink += parseEmvMpm(payload).transactionAmount!.length;
    }
  },
  { warmup: 20, runs: RUNS },
);
if (sink === 0) throw new Error('nothing was built');

printFigure({
  name: 'emv_mpm_build_parse',
  value: (median(samples) * 1000) / BATCH,
  unit: 'µs',
  n: BATCH * RUNS,
});
