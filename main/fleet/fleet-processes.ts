import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUN_TS = join(ROOT, 'bin/run-ts.mjs');

/** A child process (a TypeScript worker run through bin/run-ts.mjs) and the lines it printed so far. */
export interface Worker {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

/** Starts `args` (a worker script and its flags) under tsx, collecting its stdout lines. */
export function startWorker(args: string[]): Worker {
  const child = spawn(process.execPath, [RUN_TS, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr = (stderr + chunk).slice(-4_000)));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) lines.push(`stderr ${stderr}`);
      resolve(code);
    }),
  );
  return { child, lines, exited };
}

/** Resolves once `worker` printed `line`; rejects if it exits first or the time runs out. */
export async function waitForLine(worker: Worker, line: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!worker.lines.includes(line)) {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) throw new Error(`worker exited before "${line}": ${worker.lines.slice(-3).join(' | ')}`);
    if (Date.now() > end) throw new Error(`no "${line}" within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Waits `ms` real milliseconds. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A database of the run's own on the PostgreSQL server at `url`; dropped by `drop`. */
export async function scratchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pos_fleet_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.href,
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

