import { execFile } from 'node:child_process';
import { access, constants, readFile, readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../paths.js';
import { findAppBrowser } from '../../start/app-window.js';
import { type CheckResult, type DoctorCheck, describeError, ok, warn } from './check.js';

const run = promisify(execFile);

const isExecutable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
const isReadable = (path: string) =>
  access(path, constants.R_OK).then(
    () => true,
    () => false,
  );

async function onPath(command: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if (await isExecutable(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

/** Serial ports can be listed: on Linux serialport spawns `udevadm`, so say so when it is missing. */
export const checkSerialPorts: DoctorCheck = async ({ env }) => {
  if (process.platform === 'linux' && !(await onPath('udevadm', env))) {
    return [warn('serial ports', 'cannot list: `udevadm` is missing (sudo apt-get install udev)')];
  }
  try {
    const { SerialPort } = await import('serialport');
    const ports = await SerialPort.list();
    const names = ports.map((port) => port.path).join(', ');
    return [
      ok(
        'serial ports',
        ports.length ? `${ports.length} found: ${names}` : 'none connected (listing works)',
      ),
    ];
  } catch (error) {
    return [warn('serial ports', `cannot list: ${describeError(error)}`)];
  }
};

/** Scanners on serial need `dialout`, printers on USB `lp`, HID scanners `plugdev` via the udev rule. */
export const checkGroups: DoctorCheck = async () => {
  if (process.platform !== 'linux' || process.getuid?.() === 0) return [];
  const groupFile = await readFile('/etc/group', 'utf8').catch(() => '');
  const mine = new Set(process.getgroups?.() ?? []);
  const results: CheckResult[] = [];
  for (const [group, why] of [
    ['dialout', 'serial scanners and pole displays'],
    ['lp', 'USB receipt printers'],
    ['plugdev', 'HID scanners'],
  ] as const) {
    const gid = Number(
      groupFile
        .split('\n')
        .find((line) => line.startsWith(`${group}:`))
        ?.split(':')[2],
    );
    if (Number.isFinite(gid) && !mine.has(gid)) {
      results.push(
        warn(
          `group ${group}`,
          `not a member: ${why} will be refused (sudo usermod -aG ${group} $USER)`,
        ),
      );
    }
  }
  return results.length ? results : [ok('groups', 'member of dialout, lp and plugdev')];
};

/**
 * The browser browser mode opens its app window in (the one npm start would
 * pick), which the UI tests use too.
 */
export const checkBrowser: DoctorCheck = async ({ env }) => {
  const path = await findAppBrowser(env);
  if (!path)
    return [
      warn(
        'browser',
        'no Chromium or Chrome: browser mode only prints its address, and the UI tests fail (sudo apt-get install chromium)',
      ),
    ];
  try {
    const { stdout } = await run(path, ['--version'], { timeout: 15_000 });
    return [ok('browser', `${stdout.trim()} at ${path}`)];
  } catch (error) {
    return [warn('browser', `${path} does not run: ${describeError(error)}`)];
  }
};

const RULES_SOURCE = join(PROJECT_ROOT, 'build', 'linux');
const RULES_DIRS = ['/etc/udev/rules.d', '/lib/udev/rules.d', '/usr/lib/udev/rules.d'];

/**
 * The udev rules the .deb installs for scanners and printers
 * (build/linux/*.rules): without them a HID scanner's hidraw node is root's only.
 */
export const checkUdevRules: DoctorCheck = async () => {
  if (process.platform !== 'linux') return [];
  const rules = (await readdir(RULES_SOURCE).catch(() => [])).filter((f) => f.endsWith('.rules'));
  const missing: string[] = [];
  for (const rule of rules) {
    const found = await Promise.all(RULES_DIRS.map((dir) => isReadable(join(dir, rule))));
    if (!found.includes(true)) missing.push(rule);
  }
  if (missing.length === 0)
    return [ok('udev rules', `installed: ${rules.join(', ') || 'none needed'}`)];
  const copy = missing.map((rule) => join(RULES_SOURCE, rule)).join(' ');
  return [
    warn(
      'udev rules',
      `${missing.join(', ')} not installed: HID scanners will be refused ` +
        `(sudo cp ${copy} /etc/udev/rules.d/ && sudo udevadm control --reload-rules && sudo udevadm trigger)`,
    ),
  ];
};
