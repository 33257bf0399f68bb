import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, readSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { SerialPort } from 'serialport';
import { closeQuietly, openHost, requireSocat, startPtyPair } from '../../../helpers/pty-pair.js';
import type { PtyPair } from '../../../helpers/pty-pair.js';

/**
 * Printers that stop taking data, on each real link (issue 16, defects 4 and 5):
 * a FIFO standing in for /dev/usb/lp0 that nobody reads, a loopback TCP peer
 * that answers status and then stops reading, with small socket buffers so a
 * write really stalls, and a socat pseudo-terminal whose far end stops reading.
 */

/** The three DLE EOT answers of a ready printer (fixed bits 0xx1xx10, nothing set). */
const READY = 0x12;

/** A FIFO at `<dir>/lp0` with its read end held open and never read until `drain`. */
export interface StalledFifo {
  path: string;
  /** Reads what the pipe holds now (the printer takes data again), returning it. */
  drain(): Buffer;
  close(): void;
}

/** Makes the FIFO; a writer can open it at once because the read end is already open. */
export function stalledFifo(dir: string): StalledFifo {
  const path = join(dir, 'lp0');
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo ${path} failed: ${String(made.stderr)}`);
  let fd: number | undefined = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const drain = (): Buffer => {
    const parts: Buffer[] = [];
    const buffer = Buffer.alloc(65_536);
    for (;;) {
      let n = 0;
      try {
        n = fd === undefined ? 0 : readSync(fd, buffer);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') break;
        throw err;
      }
      if (n === 0) break;
      parts.push(Buffer.from(buffer.subarray(0, n)));
    }
    return Buffer.concat(parts);
  };
  return {
    path,
    drain,
    close: () => {
      if (fd === undefined) return;
      drain();
      closeSync(fd);
      fd = undefined;
    },
  };
}

/** A TCP printer that answers three status requests, then never reads again. */
export interface StalledTcpPeer {
  port: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * socat listens with a 2 KiB receive buffer and a 536-byte MSS (so the till's
 * kernel send buffer stays near 200 KB instead of the megabytes loopback's
 * 64 KiB MSS gives), and hands the connection to a shell that answers
 * `statusAnswers` DLE EOT requests as a ready printer and then sleeps without reading.
 */
export async function stalledTcpPeer(dir: string, statusAnswers = 3): Promise<StalledTcpPeer> {
  requireSocat();
  const port = await freePort();
  // A file, because socat reads quotes and commas inside an address as its own syntax.
  const script = join(dir, 'stalled-printer.sh');
  writeFileSync(
    script,
    `i=0; while [ $i -lt ${statusAnswers} ]; do head -c 3 >/dev/null; printf '\\0${READY.toString(8)}'; i=$((i+1)); done; exec sleep 600\n`,
  );
  const child = spawn(
    'socat',
    ['-d', '-d', `TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr,rcvbuf=2048,mss=536`, `EXEC:sh ${script}`],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`socat did not listen: ${log}`)), 5000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (/listening on/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`socat exited (${code}): ${log}`)));
  });
  return { port, stop: () => killGroup(child) };
}

/** Ends socat and the shell it started (its own process group). */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGKILL');
  await exited;
}

/** A socat pty pair whose host end answers `statusAnswers` status requests and then stops reading. */
export interface StalledPty {
  pair: PtyPair;
  stop(): Promise<void>;
}

/** The host end is opened and read only for the status answers; afterwards it is paused for good. */
export async function stalledPty(dir: string, statusAnswers = 3): Promise<StalledPty> {
  const pair = await startPtyPair(dir, 'printer');
  const host: SerialPort = await openHost(pair.host);
  let answered = 0;
  let pending = 0;
  const onData = (chunk: Buffer): void => {
    pending += chunk.length;
    while (pending >= 3 && answered < statusAnswers) {
      pending -= 3;
      answered += 1;
      host.write(Uint8Array.of(READY));
    }
    if (answered >= statusAnswers) {
      host.off('data', onData);
      host.pause();
    }
  };
  if (statusAnswers > 0) host.on('data', onData);
  else host.pause();
  return {
    pair,
    stop: async () => {
      await closeQuietly(host);
      await pair.stop();
    },
  };
}
