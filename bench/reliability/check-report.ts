import { machine } from '../lib/measure.js';

/**
 * One reliability check's result, printed as one JSON line by
 * `npm run reliability`. The counts are the check's own (payments, cases,
 * tried, accepted...); `ok` is false when the check found a loss, a double
 * charge, a crash or an accepted attack, and `problems` says which (the
 * first few, enough to start a bug report).
 */
export interface CheckReport {
  name: string;
  ok: boolean;
  seconds: number;
  problems: string[];
  [count: string]: unknown;
}

/** Problems kept in a report line; the count fields carry the totals. */
export const MAX_PROBLEMS = 10;

/** Builds a report from a check's counts and problems; `ok` when nothing is wrong. */
export function report(
  name: string,
  counts: Record<string, unknown>,
  problems: string[],
  seconds: number,
): CheckReport {
  return {
    name,
    ...counts,
    ok: problems.length === 0,
    problems: problems.slice(0, MAX_PROBLEMS),
    seconds: Math.round(seconds * 10) / 10,
  };
}

/**
 * Runs one check and measures it. A check that throws has not shown the
 * till is safe: its report says so instead of stopping the others.
 */
export async function runCheck(
  name: string,
  check: () => Promise<CheckReport>,
): Promise<CheckReport> {
  const started = performance.now();
  try {
    return await check();
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return report(name, { crashed: 1 }, [`the check itself failed: ${message}`], elapsed(started));
  }
}

/** Seconds since `started` (a performance.now() reading). */
export function elapsed(started: number): number {
  return (performance.now() - started) / 1000;
}

/** Prints a report as one JSON line with the machine it ran on. */
export function printCheck(check: CheckReport): void {
  console.log(JSON.stringify({ ...check, machine: machine() }));
}
