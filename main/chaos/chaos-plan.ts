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
  /** MPM under the `offline-payers` fault: the till's link is down, so it shows an offline QR, and this is what its customer does. */
  offlinePayer: OfflinePayer | undefined;
  /** Under the `day-crossing` fault: the business day turns, and the owner takes the Z, while this sale's payment is in flight. */
  dayTurns: boolean;
}

/**
 * What the customer in front of an offline QR does (issue 12, Deliver 3):
 * pays while it is shown and the cashier sees it; pays while it is shown but
 * the cashier never taps "paid" (the gateway's report completes the sale);
 * pays at a random moment after the cashier gave up and took cash; tries to
 * pay after the bill's validity (the gateway must refuse); never pays.
 */
export const OFFLINE_PAYERS = ['on-display', 'unseen', 'after-abandon', 'after-expiry', 'never'] as const;
export type OfflinePayer = (typeof OFFLINE_PAYERS)[number];

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

const OFFLINE_PAYER_MIX: ReadonlyArray<[OfflinePayer, number]> = [
  ['on-display', 25],
  ['unseen', 20],
  ['after-abandon', 25],
  ['after-expiry', 15],
  ['never', 15],
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
  const offlinePayer = method === 'mpm' && random() < 0.5 ? pick(random, OFFLINE_PAYER_MIX) : undefined;
  const dayTurns = index > 0 && random() < 0.02;
  return { index, amount, method, magic, cashReceipt, refund, reuseCode, offlinePayer, dayTurns };
}

/** A WeChat Pay-format code (18 digits, prefix 13), unique per seed and sale, ending in `magic`. */
export function chaosWalletCode(seed: number, index: number, magic: string): string {
  return `13${String(seed % 100).padStart(2, '0')}${String(index).padStart(10, '0')}${magic}`;
}

/** The chaos till's manager PIN (refunds need one). */
export const CHAOS_MANAGER_PIN = '2580';
