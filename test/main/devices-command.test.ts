import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPos } from '../../main/cli/pos.js';
import type { DiscoveryResult } from '../../native/discovery/index.js';

async function pos(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPos(['devices', ...args], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('pos devices', () => {
  it('prints the device list and suggestions as JSON', async () => {
    const { code, out } = await pos('--json');
    expect(code).toBe(0);
    const result = JSON.parse(out) as DiscoveryResult;
    expect(['udevadm', 'dev-scan']).toContain(result.serialListing);
    expect(Array.isArray(result.suggestions)).toBe(true);
  });

  it('says so when udevadm is missing from PATH, and still lists /dev ports', async () => {
    const emptyBin = await mkdtemp(join(tmpdir(), 'pos-nobin-'));
    const saved = process.env.PATH;
    process.env.PATH = emptyBin;
    try {
      const { code, out } = await pos();
      expect(code).toBe(0);
      expect(out).toMatch(/^Serial ports \(scanned in \/dev\):/);
      expect(out).toMatch(/Notes:\n {2}- udevadm is missing/);
    } finally {
      process.env.PATH = saved;
      await rm(emptyBin, { recursive: true, force: true });
    }
  });

  it('refuses unknown options', async () => {
    const { code, err } = await pos('--frobnicate');
    expect(code).toBe(2);
    expect(err).toMatch(/usage: pos devices \[--json\]/);
  });
});
