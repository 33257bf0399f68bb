import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe("the README's commands and .ci/run", () => {
  it('name the same test prerequisites, in one line each', () => {
    const readme = read('README.md');
    const aptLines = readme.split('\n').filter((line) => line.startsWith('sudo apt-get install'));
    expect(aptLines).toHaveLength(1);
    const fromReadme = aptLines[0]!.replace('sudo apt-get install', '').trim().split(/\s+/);
    const ciRun = /^packages=\(([^)]*)\)$/m.exec(read('.ci/run'));
    expect(ciRun).not.toBeNull();
    expect(ciRun![1]!.trim().split(/\s+/)).toEqual(fromReadme);
    expect(fromReadme).toEqual(
      expect.arrayContaining([
        'chromium',
        'socat',
        'libusb-1.0-0',
        'postgresql',
        'xvfb',
        'ibus',
        'ibus-hangul',
        'xdotool',
      ]),
    );
  });

  it('promise the two commands a fresh machine needs', () => {
    const readme = read('README.md');
    expect(readme).toContain('\nnpm ci && npm start\n');
    expect(readme).toMatch(/\nnpm test {2,}#/);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts.start).toBe('node bin/start.mjs');
    // The screens are built while installing, quietly, and never by rebuilding native modules.
    expect(scripts.postinstall).toBe('node bin/build-renderer.mjs --install');
    for (const file of ['bin/build-renderer.mjs', 'bin/build-cli.mjs', 'bin/load-cli.mjs'])
      expect(read(file)).not.toMatch(/electron-rebuild|npm rebuild|electron-builder install-app-deps/);
  });

  it('.ci/run is valid bash', () => {
    expect(() =>
      execFileSync('bash', ['-n', '.ci/run'], { cwd: new URL('../../', import.meta.url) }),
    ).not.toThrow();
  });
});
