import { cpus, totalmem } from 'node:os';

/** One benchmark figure, printed as a JSON line (see docs/performance.md). */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  n: number;
  peer?: string;
  peerValue?: number;
  ratio?: number;
  [extra: string]: unknown;
}

/** A short description of this machine, attached to every figure. */
export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown cpu';
  return `${cpus().length}x ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns each run's milliseconds. */
export async function timeMany(
  fn: () => unknown | Promise<unknown>,
  { warmup = 50, runs = 500 }: { warmup?: number; runs?: number } = {},
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

/** Prints one figure as a JSON line on stdout. */
export function printFigure(figure: Figure): void {
  const rounded = { ...figure, value: round(figure.value) };
  if (figure.peerValue !== undefined) rounded.peerValue = round(figure.peerValue);
  if (figure.ratio !== undefined) rounded.ratio = round(figure.ratio);
  console.log(JSON.stringify({ ...rounded, machine: machine() }));
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value * 10) / 10 : Math.round(value * 10_000) / 10_000;
}
