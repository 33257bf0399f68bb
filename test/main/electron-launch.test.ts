import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkElectron, runElectron } from '../../main/start/electron-launch.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('pos-electron-launch-');

/** A checkout whose `electron` package returns `binary`, as the real one does once downloaded. */
function checkoutWithElectron(binary: string): string {
  const root = tempDir();
  writeFileSync(join(root, 'package.json'), '{"name":"till"}');
  mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(
    join(root, 'node_modules', 'electron', 'package.json'),
    '{"name":"electron","main":"index.js"}',
  );
  writeFileSync(
    join(root, 'node_modules', 'electron', 'index.js'),
    `module.exports = ${JSON.stringify(binary)};\n`,
  );
  return root;
}

describe('npm start: can Electron run here?', () => {
  it('finds the binary, and says why not when it is missing or there is no display', () => {
    const root = checkoutWithElectron('/opt/electron/electron');
    expect(checkElectron(root, { DISPLAY: ':0' })).toEqual({ binary: '/opt/electron/electron' });
    if (process.platform === 'linux')
      expect(checkElectron(root, {})).toEqual({
        unavailable: expect.stringContaining('no display'),
      });
    expect(checkElectron(tempDir(), { DISPLAY: ':0' })).toEqual({
      unavailable: expect.stringContaining('the Electron binary is not installed'),
    });
  });

  it('reports a binary that dies at once as failing to start, so browser mode takes over', async () => {
    const script = join(tempDir(), 'electron');
    writeFileSync(script, '#!/bin/sh\necho "cannot open display" >&2\nexit 1\n', { mode: 0o755 });
    expect(await runElectron(script, tempDir(), [])).toEqual({
      failedToStart: 'Electron exited at once (code 1)',
    });
    expect(await runElectron(join(tempDir(), 'nothing-here'), tempDir(), [])).toEqual({
      failedToStart: expect.stringContaining('ENOENT'),
    });
  });
});
