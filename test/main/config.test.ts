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

describe('live mode gateway url', () => {
  it.each([
    ['http://relay.example/', /https/],
    ['http://192.168.0.10:8787/', /https/],
    ['https://user:secret@relay.example/', /user name or password/],
    ['ftp://relay.example/', /https/],
  ])('refuses %s and says why', async (url, why) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ gateway: { url } }));
    const error = await loadPosConfig(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(why);
  });

  it.each(['https://relay.example/', 'http://127.0.0.1:8787', 'http://localhost:8787/', 'http://[::1]:8787/'])(
    'accepts %s',
    async (url) => {
      const dir = tempDir();
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ gateway: { url } }));
      expect(modeOf(await loadPosConfig(dir))).toBe('live');
    },
  );
});
