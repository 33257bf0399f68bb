import { createRequire } from 'node:module';
import { readAppPackage } from '../../app-version.js';
import { type DoctorCheck, describeError, fail, ok, warn } from './check.js';

const parseVersion = (text: string): number[] => (text.match(/\d+/g) ?? []).map(Number);

/** a >= b, comparing dotted versions numerically. */
export function versionAtLeast(actual: string, minimum: string): boolean {
  const a = parseVersion(actual);
  const b = parseVersion(minimum);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  return true;
}

/** Node as package.json's `engines` asks. */
export const checkNode: DoctorCheck = async () => {
  const minimum = (await readAppPackage()).engines?.node?.replace(/^>=\s*/, '') ?? '20.19';
  const actual = process.versions.node;
  return [
    versionAtLeast(actual, minimum)
      ? ok('node', `v${actual} (needs >= ${minimum})`)
      : fail('node', `v${actual} is too old: install Node >= ${minimum}`),
  ];
};

/** Each native module loads and does one real thing, so an ABI mismatch shows here, not at the counter. */
export const checkNativeModules: DoctorCheck = async () => {
  const rebuild = (name: string, error: unknown) =>
    fail(name, `${describeError(error)} (try: npm rebuild ${name})`);
  const results = [];
  try {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(':memory:');
    const { version } = db.prepare('SELECT sqlite_version() AS version').get() as {
      version: string;
    };
    db.close();
    results.push(ok('better-sqlite3', `loads, SQLite ${version}`));
  } catch (error) {
    results.push(rebuild('better-sqlite3', error));
  }
  try {
    const { autoDetect } = await import('@serialport/bindings-cpp');
    autoDetect();
    results.push(ok('serialport', `native bindings load (${process.platform})`));
  } catch (error) {
    results.push(rebuild('@serialport/bindings-cpp', error));
  }
  try {
    const hid = await import('node-hid');
    results.push(ok('node-hid', `loads, ${hid.devices().length} HID devices visible`));
  } catch (error) {
    results.push(rebuild('node-hid', error));
  }
  return results;
};

/**
 * `npm start` runs Electron where it can; otherwise it falls back to browser
 * mode (main/start), so a missing binary or display is a warning with the fix.
 */
export const checkElectron: DoctorCheck = async ({ env }) => {
  let path: string;
  try {
    path = createRequire(import.meta.url)('electron') as string;
  } catch {
    return [
      warn(
        'electron',
        'binary not installed, so npm start runs browser mode; to fetch it: node node_modules/electron/install.js',
      ),
    ];
  }
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return [
      warn('electron', `binary at ${path}, but no display here, so npm start runs browser mode`),
    ];
  return [ok('electron', `binary at ${path}`)];
};
