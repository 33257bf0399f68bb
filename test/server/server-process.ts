import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach } from 'vitest';
import { systemClock } from '../../src/platform/clock.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { StoreLink } from '../../src/store/store-link.js';

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** `npm run server -- …args` as a child process (killed after the test); resolves with its address once it listens. */
export async function startServer(args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string; exited: Promise<number | null> }> {
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

/** A till's link to the server at `url`, with a fresh key. */
export const link = (url: string, tillId: string) => new StoreLink({ baseUrl: url, tillId, privateKey: generateTerminalKey(), clock: systemClock, timeoutMs: 10_000 });
