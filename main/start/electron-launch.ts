import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The Electron binary `npm start` can run, or why it cannot run here. */
export type ElectronCheck = { binary: string } | { unavailable: string };

/**
 * Finds the binary the checkout's `electron` package downloaded, and a display
 * to open it on. The package's main module returns the binary's path, or
 * throws when the download was blocked or skipped (our build machines).
 */
export function checkElectron(root: string, env: NodeJS.ProcessEnv): ElectronCheck {
  let binary: string;
  try {
    binary = createRequire(join(root, 'package.json'))('electron') as string;
  } catch {
    return {
      unavailable: 'the Electron binary is not installed (its download was blocked or skipped)',
    };
  }
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return { unavailable: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  return { binary };
}

/** An app that fails within this long of starting could not start at all (no GPU, bad binary). */
const EARLY_EXIT_MS = 5000;

export type ElectronRun = { exitCode: number } | { failedToStart: string };

/**
 * Runs Electron on the built app until it exits. A spawn error, or a failing
 * exit within the first seconds, is reported as `failedToStart` so the caller
 * can fall back to browser mode rather than leave the cashier with nothing.
 */
export function runElectron(binary: string, root: string, args: string[]): Promise<ElectronRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(binary, [root, ...args], { cwd: root, stdio: 'inherit' });
    child.once('error', (error) => resolve({ failedToStart: error.message }));
    child.once('exit', (code, signal) => {
      const failed = code !== 0 || signal !== null;
      if (failed && Date.now() - started < EARLY_EXIT_MS)
        resolve({ failedToStart: `Electron exited at once (${signal ?? `code ${code}`})` });
      else resolve({ exitCode: code ?? 1 });
    });
  });
}
