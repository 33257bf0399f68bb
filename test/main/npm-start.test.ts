import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync, symlinkSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkoutWithoutElectron, writeRendererMarker } from '../helpers/checkout-copy.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { waitUntil } from '../helpers/wait.js';
import { type VirtualDisplay, startXvfb } from '../helpers/xvfb.js';

const tempDir = useTempDir('pos-npm-start-');

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
  port: string;
}

const running: ChildProcess[] = [];
const displays: VirtualDisplay[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) await stop(child);
  for (const display of displays.splice(0)) display.stop();
});

/**
 * Stops `npm start` as Ctrl+C does: SIGINT to its whole process group (npm
 * dies of it; the till shuts down cleanly), and waits for the till to be gone.
 */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGINT');
    await exited;
  }
  await waitUntil(
    () => {
      try {
        process.kill(-child.pid!, 0); // anything left of the group: the till still closing
        return false;
      } catch {
        return true;
      }
    },
    'the till to stop',
    30_000,
  );
}

/** Runs `npm start -- <args>` in the checkout copy and waits for the address it prints. */
async function npmStart(root: string, args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn('npm', ['start', '--', ...args], {
    cwd: root,
    env: { ...env, CI: '', POS_LOG_LEVEL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.push(child);
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  await waitUntil(() => /open: \S+/.test(text) || child.exitCode !== null, 'the address', 60_000);
  const match = /open: (http:\/\/127\.0\.0\.1:(\d+)\/#token=[\w-]+)/.exec(text);
  expect(match, text).not.toBeNull();
  return { child, output: () => text, url: match![1]!, port: match![2]! };
}

/** Processes whose command line holds `needle`, read from /proc. */
function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.some((arg) => arg.includes(needle))) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** The JS the served page loads, fetched as the browser would. */
async function servedScript(port: string): Promise<string> {
  const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
  const src = /<script[^>]+src="\.?\/?([^"]+)"/.exec(html)?.[1];
  expect(src, html).toBeDefined();
  return (await fetch(`http://127.0.0.1:${port}/${src}`)).text();
}

/** A PATH with only sh, node and npm on it (and, given, a browser), so no installed Chromium is found. */
function pathWith(dir: string, browser?: string): string {
  mkdirSync(dir);
  symlinkSync('/bin/sh', join(dir, 'sh'));
  symlinkSync(process.execPath, join(dir, 'node'));
  symlinkSync(join(dirname(process.execPath), 'npm'), join(dir, 'npm'));
  if (browser) symlinkSync(browser, join(dir, 'chromium'));
  return dir;
}

describe('npm start without the Electron binary', () => {
  it('starts browser mode itself, prints the address once and opens an app window', async () => {
    const root = tempDir();
    checkoutWithoutElectron(root, 'first build');
    const display = await startXvfb();
    displays.push(display);
    const data = join(root, 'data');
    const started = await npmStart(root, ['--data', data, '--customer-display'], {
      ...process.env,
      PATH: pathWith(join(root, 'path'), '/usr/bin/chromium'),
      DISPLAY: display.display,
    });
    expect(started.output()).toContain('the Electron binary is not installed');
    expect(started.output().match(/open: /g)).toHaveLength(1);

    // The cashier's window and the customer display's: Chromium app windows on the till's addresses.
    const cashier = `--app=${started.url}`;
    const customer = `--app=http://127.0.0.1:${started.port}/?view=customer-display#token=`;
    await waitUntil(
      () => processesWith(cashier).length > 0 && processesWith(customer).length > 0,
      'the app windows',
      30_000,
    );
    const [cashierPid] = processesWith(cashier);
    const cmdline = readFileSync(`/proc/${cashierPid}/cmdline`, 'utf8');
    expect(cmdline).toContain(`--user-data-dir=${join(data, 'browser-profile')}`);
    await waitUntil(() => started.output().includes('Opened in'), 'the window said', 10_000);
    for (const pid of [...processesWith(cashier), ...processesWith(customer)]) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // a helper process that went with its browser
      }
    }
    await waitUntil(
      () => processesWith(cashier).length + processesWith(customer).length === 0,
      'the windows closed',
      30_000,
    );

    await stop(started.child);

    // People read the terminal; machines read the log file.
    const terminal = started.output();
    expect(terminal.split('\n').filter((line) => line.trim().startsWith('{'))).toEqual([]);
    const logs = join(data, 'logs');
    const records = readdirSync(logs)
      .flatMap((file) => readFileSync(join(logs, file), 'utf8').trim().split('\n'))
      .map((line) => JSON.parse(line) as { msg: string });
    expect(records.map((r) => r.msg)).toEqual(
      expect.arrayContaining(['browser bridge listening', 'browser bridge stopping']),
    );
  }, 120_000);

  it('with --no-open, or with no browser installed, only prints the address and how to open it', async () => {
    const root = tempDir();
    checkoutWithoutElectron(root, 'quiet');
    const env = { ...process.env, PATH: pathWith(join(root, 'path')), DISPLAY: ':0' };
    const noBrowser = await npmStart(root, ['--data', join(root, 'data'), '--port', '0'], env);
    await waitUntil(() => noBrowser.output().includes('Ctrl+C stops'), 'the banner', 10_000);
    expect(noBrowser.output()).toMatch(/No Chromium or Chrome found.*apt-get install chromium/);
    await stop(noBrowser.child);

    const noOpen = await npmStart(
      root,
      ['--browser', '--no-open', '--data', join(root, 'data')],
      env,
    );
    await waitUntil(() => noOpen.output().includes('Ctrl+C stops'), 'the banner', 10_000);
    expect(noOpen.output()).toContain('asked for with --browser');
    expect(noOpen.output()).not.toMatch(/No Chromium|Opened in/);
    await stop(noOpen.child);
  }, 120_000);
});

describe('npm start never serves a stale screen', () => {
  it('rebuilds the renderer when one of its sources changed, and only then', async () => {
    const root = tempDir();
    checkoutWithoutElectron(root, 'screen version one');
    const args = ['--no-open', '--data', join(root, 'data')];
    const env = { ...process.env, PATH: pathWith(join(root, 'path')) };

    const first = await npmStart(root, args, env);
    expect(await servedScript(first.port)).toContain('screen version one');
    await stop(first.child);

    writeRendererMarker(root, 'screen version two');
    const second = await npmStart(root, args, env);
    expect(await servedScript(second.port)).toContain('screen version two');
    await stop(second.child);

    const logText = readdirSync(join(root, 'data', 'logs'))
      .map((file) => readFileSync(join(root, 'data', 'logs', file), 'utf8'))
      .join('');
    const builds = logText.split('\n').filter((line) => line.includes('built the renderer'));
    expect(builds.map((line) => (JSON.parse(line) as { reason: string }).reason)).toEqual([
      'no build yet',
      'renderer/src/main.ts changed',
    ]);

    const third = await npmStart(root, args, env);
    expect(await servedScript(third.port)).toContain('screen version two');
    await stop(third.child);
  }, 150_000);
});
