import type { Clock } from '../../../src/platform/clock.js';

export type CheckLevel = 'ok' | 'warn' | 'fail';

/** One line of `pos doctor`: fail means the till cannot work; warn means a feature will not. */
export interface CheckResult {
  name: string;
  level: CheckLevel;
  detail: string;
}

export interface DoctorContext {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  clock: Clock;
}

export type DoctorCheck = (ctx: DoctorContext) => Promise<CheckResult[]>;

export const ok = (name: string, detail: string): CheckResult => ({ name, level: 'ok', detail });
export const warn = (name: string, detail: string): CheckResult => ({
  name,
  level: 'warn',
  detail,
});
export const fail = (name: string, detail: string): CheckResult => ({
  name,
  level: 'fail',
  detail,
});

export const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export function formatCheck(result: CheckResult): string {
  return `${result.level.padEnd(5)} ${result.name.padEnd(15)} ${result.detail}`;
}
