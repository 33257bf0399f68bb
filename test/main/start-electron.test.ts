import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('pos-start-');

describe('npm start', () => {
  it('says clearly that Electron is missing and points at browser mode', () => {
    // A copy of the script next to an `electron` package whose binary was never
    // downloaded (its main module throws, like the real one without dist/).
    const root = tempDir();
    mkdirSync(join(root, 'bin'));
    copyFileSync(
      fileURLToPath(new URL('../../bin/start-electron.mjs', import.meta.url)),
      join(root, 'bin', 'start-electron.mjs'),
    );
    mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
    writeFileSync(
      join(root, 'node_modules', 'electron', 'index.js'),
      "throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');\n",
    );
    writeFileSync(
      join(root, 'node_modules', 'electron', 'package.json'),
      '{"name":"electron","main":"index.js"}',
    );

    const result = spawnSync(process.execPath, [join(root, 'bin', 'start-electron.mjs')], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the Electron binary is not installed');
    expect(result.stderr).toContain('npm run start:browser');
  });
});
