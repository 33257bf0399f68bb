import { type ChildProcess, spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** Chromium-family browsers that have an app mode (`--app=`), most likely first. */
const BROWSER_COMMANDS = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'microsoft-edge',
];

const isExecutable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

/** The first Chromium or Chrome on PATH (CHROMIUM_PATH wins), or undefined. */
export async function findAppBrowser(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (env.CHROMIUM_PATH && (await isExecutable(env.CHROMIUM_PATH))) return env.CHROMIUM_PATH;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const command of BROWSER_COMMANDS) {
      if (await isExecutable(join(dir, command))) return join(dir, command);
    }
  }
  return undefined;
}

export interface AppWindows {
  /** Closes the windows this till opened (the browser process and its children). */
  close(): void;
}

export interface AppWindowSpec {
  url: string;
  /** The browser profile folder (in the data folder), one per window. */
  profileDir: string;
}

/**
 * Opens each URL as an app window (no tabs, no address bar) of `browser`,
 * with a profile of its own in the data folder, so the till's window is not a
 * tab of the shop's everyday browser and closing one does not close the other.
 */
export function openAppWindows(browser: string, windows: AppWindowSpec[]): AppWindows {
  const flags = [
    '--no-first-run',
    '--no-default-browser-check',
    '--password-store=basic',
    // Chromium refuses to start as root without this; the page it shows is the
    // till's own bundle from 127.0.0.1 under the CSP of main/csp.ts.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
  const children: ChildProcess[] = windows.map(({ url, profileDir }) => {
    // Detached in a process group of its own, quiet: Chromium's console chatter is not the till's.
    const child = spawn(browser, [...flags, `--user-data-dir=${profileDir}`, `--app=${url}`], {
      detached: true,
      stdio: 'ignore',
    });
    child.on('error', () => undefined);
    child.unref();
    return child;
  });
  return {
    close() {
      for (const child of children) {
        if (child.pid === undefined || child.exitCode !== null) continue;
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    },
  };
}
