import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach } from 'vitest';
import { waitUntil } from './wait.js';

/**
 * A pair of pseudo-terminals joined by socat: the driver under test opens
 * `device`, the test plays the scanner, the printer or reads the display on `host`.
 * Killing socat is an unplug (both ends vanish); `replug` starts it again on the same paths.
 */
export interface PtyPair {
  /** The folder holding both links. */
  dir: string;
  device: string;
  host: string;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  stop(): Promise<void>;
}

/** Fails (never skips) when socat is missing, telling how to install it. */
export function requireSocat(): void {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  if (probe.error) {
    throw new Error(
      'socat is not installed: run `apt-get install socat` (serial tests use socat pseudo-terminal pairs)',
    );
  }
}

/** Starts socat with links `<dir>/<name>` and `<dir>/host`. */
export async function startPtyPair(dir: string, name = 'device'): Promise<PtyPair> {
  requireSocat();
  const device = join(dir, name);
  const host = join(dir, 'host');
  let child: ChildProcess | null = null;

  const launch = async (): Promise<void> => {
    child = spawn('socat', [`pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${host}`], {
      stdio: 'ignore',
    });
    await waitUntil(() => existsSync(device) && existsSync(host), 'socat links', 3000);
  };
  const kill = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((r) => running.once('exit', r));
    running.kill('SIGTERM');
    await exited;
    await waitUntil(() => !existsSync(device) && !existsSync(host), 'socat links to go', 3000);
  };

  await launch();
  return { dir, device, host, unplug: kill, replug: launch, stop: kill };
}

/**
 * A fresh pair for every test of the file, in its own temporary folder.
 * After each test `closeUsers` runs first (stop the driver, close the host
 * end), then socat is stopped and the folder removed, in that order.
 */
export function usePtyPair(name: string, closeUsers: () => Promise<void>): () => PtyPair {
  let pair: PtyPair | undefined;
  beforeEach(async () => {
    pair = await startPtyPair(await mkdtemp(join(tmpdir(), `pos-${name}-`)), name);
  });
  afterEach(async () => {
    await closeUsers();
    const done = pair;
    pair = undefined;
    await done?.stop();
    if (done) await rm(done.dir, { recursive: true, force: true });
  });
  return () => {
    if (!pair) throw new Error('the pty pair exists only inside a test');
    return pair;
  };
}

/** Opens the host end with the real serialport bindings. */
export async function openHost(path: string, baudRate = 9600): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  port.on('error', () => undefined);
  return port;
}

/** Writes and waits for the bytes to leave. */
export async function writeAll(port: SerialPort, bytes: Uint8Array | string): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    port.write(bytes, (err) =>
      err ? reject(err) : port.drain((e) => (e ? reject(e) : resolve())),
    ),
  );
}

/** Closes a port if it is still open. */
export async function closeQuietly(port: SerialPort | undefined): Promise<void> {
  if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
}

/** Resolves with the next value `subscribe` delivers that satisfies `accept`. */
export function nextEvent<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  accept: (value: T) => boolean = () => true,
  timeoutMs = 3000,
): Promise<T> {
  const waiting = new Error('no matching event').stack?.split('\n')[2]?.trim() ?? '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching event within ${timeoutMs} ms (awaited ${waiting})`));
    }, timeoutMs);
    const off = subscribe((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}
