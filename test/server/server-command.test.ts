import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { StoreLink, StoreRefusedError } from '../../src/store/store-link.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { pgliteTemplate } from './test-databases.js';

const tempDir = useTempDir('pos-server-command-');
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** `npm run server -- …args` as a child process; resolves with its address once it listens. */
async function startServer(args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['bin/run-ts.mjs', 'server/main.ts', '--port', '0', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  running.push(child);
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const listening = /listening on (http:\/\/\S+) \(pglite\)/.exec(stderr);
      if (listening) resolve(listening[1]!);
    });
    void exited.then((code) => reject(new Error(`the server exited ${code} before listening:\n${stderr}`)));
  });
  return { child, url, stderr: () => stderr, exited };
}

const link = (url: string, tillId: string) => new StoreLink({ baseUrl: url, tillId, privateKey: generateTerminalKey(), clock: systemClock, timeoutMs: 10_000 });

// Issue 18 Deliver 1: "its embedded default is PGlite …, so `npm run server` works on a fresh
// machine with no database installed". The server's tests build StoreServer in-process; this runs
// the command itself, with no --database, in an empty data folder, twice.
describe('npm run server, with no database named', () => {
  it('keeps its store in PGlite in the data folder: a till enrolls, and after a restart the store is still there', async () => {
    const data = tempDir();
    // The first start's initdb takes ~15 s in WebAssembly; the tests' migrated-nothing template is the same empty cluster.
    cpSync(pgliteTemplate(), join(data, 'pglite'), { recursive: true });
    const first = await startServer(['--data', data, '--store-id', 'S1', '--enrollment-code', 'CODE-S1']);
    expect(first.stderr()).toContain(`PGlite in ${join(data, 'pglite')}`);
    expect(await link(first.url, 'T01').register('CODE-S1')).toMatchObject({ storeId: 'S1' });
    await expect(link(first.url, 'T02').register('WRONG')).rejects.toBeInstanceOf(StoreRefusedError);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // No --enrollment-code now: the store and its code come from the folder.
    const second = await startServer(['--data', data]);
    expect(await link(second.url, 'T02').register('CODE-S1')).toMatchObject({ storeId: 'S1' });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);
});
