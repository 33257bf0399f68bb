import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A stand-in renderer build under `root`/renderer, with a secret file beside
 * it in `root`: what the bridge and the Electron shell serve, and what they
 * must never serve (path traversal). Returns the renderer folder.
 */
export function fakeRendererBuild(root: string): string {
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>till</title>');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer build');
  return rendererDir;
}
