import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiscoveryResult } from '../../native/discovery/index.js';
import { runPosCaptured } from '../helpers/run-pos.js';

const pos = (...args: string[]) => runPosCaptured('devices', ...args);

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
