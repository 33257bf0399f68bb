import { resolve } from 'node:path';
import { systemClock } from '../../../src/platform/clock.js';
import { DEFAULT_DATA_DIR } from '../../paths.js';
import type { CommandIo, PosCommand } from '../command.js';
import { parseCliArgs } from '../parse-flags.js';
import {
  type CheckResult,
  type DoctorCheck,
  type DoctorContext,
  describeError,
  fail,
  formatCheck,
} from '../doctor/check.js';
import { checkDataDir, checkJournal } from '../doctor/data-checks.js';
import {
  checkBrowser,
  checkGroups,
  checkSerialPorts,
  checkUdevRules,
} from '../doctor/device-checks.js';
import { checkElectron, checkNativeModules, checkNode } from '../doctor/runtime-checks.js';

/** In the order an operator fixes things: runtime, data, devices, tooling. */
const CHECKS: DoctorCheck[] = [
  checkNode,
  checkNativeModules,
  checkDataDir,
  checkJournal,
  checkSerialPorts,
  checkGroups,
  checkUdevRules,
  checkElectron,
  checkBrowser,
];

async function doctor(args: string[], io: CommandIo): Promise<number> {
  const {
    values: { data },
  } = parseCliArgs({ args, options: { data: { type: 'string' } }, strict: true });
  const ctx: DoctorContext = {
    dataDir: resolve(data ?? DEFAULT_DATA_DIR),
    env: process.env,
    clock: systemClock,
  };
  const results: CheckResult[] = [];
  for (const check of CHECKS) {
    const lines = await check(ctx).catch((error: unknown) => [
      fail(check.name || 'check', describeError(error)),
    ]);
    for (const line of lines) io.out(formatCheck(line));
    results.push(...lines);
  }
  const count = (level: CheckResult['level']) => results.filter((r) => r.level === level).length;
  io.out(`\n${count('ok')} ok, ${count('warn')} warn, ${count('fail')} fail`);
  return count('fail') > 0 ? 1 : 0;
}

export const doctorCommand: PosCommand = {
  name: 'doctor',
  summary:
    'what this machine lacks, each with its fix: Node, native modules, data folder, journal, serial ports, udev rules, Electron, a browser',
  usage: 'doctor [--data DIR]',
  run: doctor,
};
