import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCli } from '../../bin/build-cli.mjs';
import { checkoutWithoutElectron } from '../helpers/checkout-copy.js';
import { useTempDir } from '../helpers/temp-dir.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(REPO, path), 'utf8');
const tempDir = useTempDir('pos-packaging-');

/** Every package the shipped app carries: the production dependency tree, as npm resolves it. */
function productionPackages(): Map<string, string> {
  const paths = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: REPO,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .slice(1);
  return new Map(
    paths.map((path) => [relative(join(REPO, 'node_modules'), path).split(sep).join('/'), path]),
  );
}

const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .map((file) => join(dir, file));
}

describe('the shipped app (issue 14, point 8)', () => {
  it('carries no build tooling: the built CLI needs only production packages at run time', async () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    for (const tool of [
      'tsx',
      'esbuild',
      'vite',
      'electron-vite',
      'typescript',
      'electron-builder',
    ])
      expect(Object.keys(pkg.dependencies)).not.toContain(tool);

    const root = tempDir();
    checkoutWithoutElectron(root, 'unused');
    await buildCli(root);
    const bundle = readFileSync(join(root, 'out', 'cli', 'pos.mjs'), 'utf8');
    const shipped = productionPackages();
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const staticImports = [...bundle.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]!);
    expect(staticImports.length).toBeGreaterThan(5);
    for (const specifier of staticImports)
      expect(builtins.has(specifier) || shipped.has(packageOf(specifier)), specifier).toBe(true);
    // Build tools only behind the dynamic imports of the checkout's build paths
    // (renderer rebuild, electron-vite for `npm start`, esbuild for `pos chaos`,
    // whose worker runs the TypeScript sources and falls back to tsx without
    // it), never loaded by the app.
    const dynamicImports = [...bundle.matchAll(/import\("([^"]+)"\)/g)].map((m) => m[1]!);
    for (const specifier of dynamicImports)
      expect(
        shipped.has(packageOf(specifier)) || ['vite', 'electron-vite', 'esbuild'].includes(specifier),
        specifier,
      ).toBe(true);
  }, 60_000);

  it('turns asar integrity on for every platform that has it and documents each unpacked native module', () => {
    const builder = read('electron-builder.yml');
    expect(builder).toMatch(/^ {2}enableEmbeddedAsarIntegrityValidation: true$/m);
    expect(builder).toMatch(/^ {2}onlyLoadAppFromAsar: true$/m);
    expect(builder).not.toMatch(/disableIntegrity/);
    expect(builder).toMatch(/^mac:\n {2}target:/m);
    expect(builder).toMatch(/^win:\n {2}target:/m);
    expect(builder).toMatch(/^ {2}smartUnpack: false$/m);
    expect(builder).toMatch(/^asarUnpack:\n {2}- '\*\*\/\*\.node'$/m);

    const docs = read('docs/install-linux.md');
    const unpackedSection = docs.slice(docs.indexOf('### What the package unpacks'));
    const withNative = [...productionPackages()]
      .filter(([, path]) =>
        filesUnder(path, '.node').some((file) => !file.includes('test_extension')),
      )
      .map(([name]) => name);
    expect(withNative).toEqual(expect.arrayContaining(['better-sqlite3', 'node-hid']));
    const rows = unpackedSection.split('\n').filter((line) => line.startsWith('| `node_modules/'));
    for (const name of withNative) {
      const row = rows.find((line) => line.startsWith(`| \`node_modules/${name}/`));
      expect(row, name).toBeDefined();
      const [, file, why, risk] = row!.split('|').map((cell) => cell.trim());
      expect(file).toMatch(/\.node`$/);
      expect(why!.length, `${name}: why`).toBeGreaterThan(5);
      expect(risk!.length, `${name}: risk`).toBeGreaterThan(20);
    }
  }, 60_000);
});
