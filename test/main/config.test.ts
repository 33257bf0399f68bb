import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadPosConfig, modeOf } from '../../main/config.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('pos-config-');

describe('loadPosConfig', () => {
  it('runs in training mode without a config file', async () => {
    const dir = tempDir();
    const config = await loadPosConfig(dir);
    expect(config).toEqual({ terminalId: 'TRAINING-01', dataDir: dir });
    expect(modeOf(config)).toBe('training');
  });

  it('runs live when a gateway is configured', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ terminalId: 'SHOP1-T2', gateway: { url: 'https://relay.example/' } }),
    );
    expect(modeOf(await loadPosConfig(dir))).toBe('live');
  });

  it('names the problem in a bad config', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ terminalId: 'till 1', gatway: {} }));
    const error = await loadPosConfig(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/terminalId/);
    expect((error as Error).message).toMatch(/gatway/);
    writeFileSync(join(dir, 'config.json'), '{');
    await expect(loadPosConfig(dir)).rejects.toThrow(ConfigError);
  });
});
