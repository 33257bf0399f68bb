import { execFile } from 'node:child_process';
import { access, constants, readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { type CheckResult, type DoctorCheck, describeError, ok, warn } from './check.js';

const run = promisify(execFile);

const isExecutable = (path: string) =>
  access(path, constants.X_OK).then(
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
    return [warn('serial ports', 'cannot list: `udevadm` is missing (apt install udev)')];
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

/** Chromium for the browser-mode UI tests: CHROMIUM_PATH or the Debian package. */
export const checkChromium: DoctorCheck = async ({ env }) => {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (path): path is string => Boolean(path),
  );
  for (const path of candidates) {
    if (!(await isExecutable(path))) continue;
    try {
      const { stdout } = await run(path, ['--version'], { timeout: 15_000 });
      return [ok('chromium', `${stdout.trim()} at ${path}`)];
    } catch (error) {
      return [warn('chromium', `${path} does not run: ${describeError(error)}`)];
    }
  }
  return [
    warn(
      'chromium',
      'not found: apt install chromium or set CHROMIUM_PATH (needed for the UI tests)',
    ),
  ];
};
