import { join, resolve } from 'node:path';
import { type BrowserTill, startBrowserTill } from '../browser/browser-till.js';
import { rendererBuildPaths } from '../browser/renderer-build.js';
import { type CommandIo, UsageError } from '../cli/command.js';
import { parsePort } from '../cli/commands/serve.js';
import { parseCliArgs } from '../cli/parse-flags.js';
import { runUntilStopped } from '../cli/until-stopped.js';
import { DEFAULT_DATA_DIR } from '../paths.js';
import { type AppWindows, findAppBrowser, openAppWindows } from './app-window.js';
import { checkElectron, runElectron } from './electron-launch.js';

export const START_USAGE =
  'npm start [-- [--browser] [--no-open] [--customer-display] [--port N] [--data DIR]]';

interface StartFlags {
  browser: boolean;
  open: boolean;
  customerDisplay: boolean;
  port: number;
  /** Given explicitly: Electron keeps its own folder unless told. */
  data?: string;
}

function parseStartFlags(argv: string[]): StartFlags {
  const { values } = parseCliArgs({
    args: argv,
    options: {
      browser: { type: 'boolean' },
      'no-open': { type: 'boolean' },
      'customer-display': { type: 'boolean' },
      port: { type: 'string' },
      data: { type: 'string' },
    },
    strict: true,
  });
  return {
    browser: values.browser ?? false,
    open: !values['no-open'],
    customerDisplay: values['customer-display'] ?? false,
    port: parsePort(values.port),
    data: values.data,
  };
}

export interface StartOptions {
  /** The checkout: its renderer/, node_modules/electron and build configs. */
  root: string;
  argv: string[];
  io: CommandIo;
  env: NodeJS.ProcessEnv;
}

/** Opens the till's windows in an app-mode browser, or says how to open the address. */
async function openWindows(
  till: BrowserTill,
  flags: StartFlags,
  dataDir: string,
  { io, env }: StartOptions,
): Promise<AppWindows | undefined> {
  if (!flags.open) return undefined;
  const browser = await findAppBrowser(env);
  if (!browser) {
    io.out(
      'No Chromium or Chrome found to open it: open the address above in a browser on this machine, ' +
        'or install one (sudo apt-get install chromium) and start again.',
    );
    return undefined;
  }
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    io.out('No display to open a window on: open the address above in a browser on this machine.');
    return undefined;
  }
  // One profile (so one browser process) per window: each opens at once, on its own.
  const windows = openAppWindows(browser, [
    { url: till.url, profileDir: join(dataDir, 'browser-profile') },
    ...(flags.customerDisplay
      ? [{ url: till.displayUrl, profileDir: join(dataDir, 'browser-profile-display') }]
      : []),
  ]);
  io.out(
    `Opened in ${browser} (app window${flags.customerDisplay ? 's: cashier and customer display' : ''}).`,
  );
  return windows;
}

async function runBrowserMode(
  flags: StartFlags,
  why: string,
  options: StartOptions,
): Promise<number> {
  const { io, root } = options;
  const dataDir = resolve(root, flags.data ?? DEFAULT_DATA_DIR);
  io.out(`Counter POS in browser mode: ${why}.`);
  const till = await startBrowserTill({
    port: flags.port,
    dataDir,
    renderer: rendererBuildPaths(root),
  });
  io.out(`${till.mode} mode, data in ${dataDir}, log in ${till.logDir} (npm run -s pos -- logs)`);
  io.out(`open: ${till.url}`);
  const windows = await openWindows(till, flags, dataDir, options);
  return runUntilStopped(
    io,
    ['Only this address, with its token, drives the till. Ctrl+C stops.'],
    async (signal) => {
      windows?.close();
      await till.close(signal);
    },
  );
}

/** Builds main, preload and renderer with electron-vite (quietly) into out/. */
async function buildElectronApp(root: string): Promise<void> {
  process.chdir(root); // electron-vite resolves out/ and the entries from the working directory
  const { build } = await import('electron-vite');
  await build({ configFile: join(root, 'electron.vite.config.ts'), logLevel: 'silent' });
}

/**
 * `npm start`: the Electron app where Electron can run, otherwise (or with
 * --browser) browser mode in an app-mode Chromium window. Training mode
 * unless the data folder configures a gateway. Returns the exit code.
 */
export async function runStart(options: StartOptions): Promise<number> {
  const { io, root, env, argv } = options;
  let flags: StartFlags;
  try {
    flags = parseStartFlags(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`npm start: ${error.message}\nusage: ${START_USAGE}`);
    return 2;
  }
  if (flags.browser) return runBrowserMode(flags, 'asked for with --browser', options);
  const electron = checkElectron(root, env);
  if ('unavailable' in electron) return runBrowserMode(flags, electron.unavailable, options);
  await buildElectronApp(root);
  const run = await runElectron(
    electron.binary,
    root,
    flags.data ? [`--data=${resolve(root, flags.data)}`] : [],
  );
  if ('failedToStart' in run) return runBrowserMode(flags, run.failedToStart, options);
  return run.exitCode;
}
