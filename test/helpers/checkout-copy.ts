import { copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Source folders shared with the real checkout (read only through the copy). */
const LINKED = ['main', 'src', 'native', 'sandbox', 'assets', 'tsconfig.json'];
/** Files copied, so the copy's own root is the one `bin/` finds. */
const COPIED = [
  ...readdirSync(join(REPO, 'bin')).map((file) => `bin/${file}`),
  'package.json',
  'vite.renderer.config.ts',
];

/**
 * A checkout as `npm start` sees it, in `root`: the real sources linked in,
 * node_modules linked package by package but WITHOUT `electron` (its binary
 * "was never downloaded"), and a tiny renderer of its own (renderer/src/main.ts
 * writing `marker`) so a test can change it and build it in a second.
 */
export function checkoutWithoutElectron(root: string, marker: string): void {
  for (const name of LINKED) symlinkSync(join(REPO, name), join(root, name));
  mkdirSync(join(root, 'bin'));
  for (const file of COPIED) copyFileSync(join(REPO, file), join(root, file));
  writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}\n');
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync(join(REPO, 'node_modules'))) {
    if (name === 'electron' || name === '.bin' || name.startsWith('.vite')) continue;
    symlinkSync(join(REPO, 'node_modules', name), join(root, 'node_modules', name));
  }
  mkdirSync(join(root, 'renderer', 'src'), { recursive: true });
  writeFileSync(
    join(root, 'renderer', 'index.html'),
    '<!doctype html><title>till</title><script type="module" src="./src/main.ts"></script>\n',
  );
  writeRendererMarker(root, marker);
}

/** Changes the tiny renderer's source: the build then says `marker`. */
export function writeRendererMarker(root: string, marker: string): void {
  writeFileSync(
    join(root, 'renderer', 'src', 'main.ts'),
    `document.title = ${JSON.stringify(marker)};\n`,
  );
}
