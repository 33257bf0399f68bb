import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT, RENDERER_DIST_DIR } from '../paths.js';

/**
 * Makes sure renderer/dist exists, building it with Vite on first use so
 * `npm run start:browser` works right after `npm ci`. Returns true when it built.
 */
export async function ensureRendererBuild(dir: string = RENDERER_DIST_DIR): Promise<boolean> {
  try {
    await access(join(dir, 'index.html'));
    return false;
  } catch {
    const { build } = await import('vite');
    await build({ configFile: join(PROJECT_ROOT, 'vite.renderer.config.ts'), logLevel: 'warn' });
    return true;
  }
}
