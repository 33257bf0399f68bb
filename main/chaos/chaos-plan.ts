import { mulberry32 } from '../../sandbox/faults.js';

/** What the chaos worker does for one sale: fixed by the seed and the sale's index, so a restart replays it. */
export interface SalePlan {
  index: number;
  amount: number;
  method: 'cpm' | 'mpm' | 'cash';
  /** CPM: the last four digits pick the sandbox wallet's behaviour (sandbox/wallets.ts MAGIC_SUFFIXES). */
  magic: string;
  cashReceipt: boolean;
  /** Refund this much after the sale completes (0: none). */
  refund: number;
  /** CPM under the `code-reuse` fault: first the previous sale's code, then a fresh one scanned twice. */
  reuseCode: boolean;
}

/** CPM behaviours and their weights: mostly plain approvals, then declines and the unknown-outcome cases. */
const CPM_MIX: ReadonlyArray<[magic: string, weight: number]> = [
  ['7777', 70],
  ['0005', 4],
  ['0051', 4],
  ['0091', 5],
  ['0068', 3],
  ['0092', 4],
  ['0096', 4],
];

function pick<T>(random: () => number, weighted: ReadonlyArray<[T, number]>): T {
  const total = weighted.reduce((a, [, w]) => a + w, 0);
  let roll = random() * total;
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/** The plan of sale `index` in a run seeded with `seed`. */
export function salePlan(seed: number, index: number): SalePlan {
  const random = mulberry32((seed * 1_000_003 + index * 7_919) >>> 0);
  const amount = 1_000 + Math.floor(random() * 99) * 100;
  const method = pick<SalePlan['method']>(random, [['cpm', 80], ['mpm', 10], ['cash', 10]]);
  const magic = method === 'cpm' ? pick(random, CPM_MIX) : '7777';
  const cashReceipt = method === 'cash' && random() < 0.5;
  const refund = random() < 0.08 ? (random() < 0.5 ? amount : Math.max(100, Math.floor(amount / 300) * 100)) : 0;
  // Drawn last, so the rest of a seed's plan is the same with and without the fault.
  const reuseCode = method === 'cpm' && index > 0 && random() < 0.05;
  return { index, amount, method, magic, cashReceipt, refund, reuseCode };
}

/** A WeChat Pay-format code (18 digits, prefix 13), unique per seed and sale, ending in `magic`. */
export function chaosWalletCode(seed: number, index: number, magic: string): string {
  return `13${String(seed % 100).padStart(2, '0')}${String(index).padStart(10, '0')}${magic}`;
}

/** The chaos till's manager PIN (refunds need one). */
export const CHAOS_MANAGER_PIN = '2580';
