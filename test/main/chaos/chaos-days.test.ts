import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChaosDays } from '../../../main/chaos/chaos-days.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const ROOT = join(import.meta.dirname, '../../..');

/** Runs the fixture that turns the day in `dir` and SIGKILLs it in the middle of the write. */
async function killedMidTurn(dir: string): Promise<void> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), join(import.meta.dirname, 'fixtures/turn-day-dies.ts'), dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('writing')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the worker exited (${code}) before it wrote`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('chaos days', () => {
  it('a worker killed while it turns the day leaves the days turned so far, never fewer', async () => {
    const dir = tempDir();
    const days = new ChaosDays(dir);
    days.turn();
    days.turn();
    await killedMidTurn(dir);
    // The till and the gateway read the same file: an empty one sent both clocks back two days.
    expect(new ChaosDays(dir).turned()).toBe(2);
  }, 30_000);
});
