import { isAbsolute, join, relative } from 'node:path';
import type { Plugin, Logger as ViteLogger } from 'vite';
import { buildStaleness, writeBuildStamp } from '../build-stamp.mjs';
import { PROJECT_ROOT } from '../paths.js';

/** Where one checkout's renderer build comes from and goes. */
export interface RendererBuildPaths {
  /** The checkout root: vite.renderer.config.ts, package-lock.json, renderer/. */
  root: string;
  /** renderer/dist, what browser mode serves. */
  outDir: string;
}

/** The paths of the checkout this file belongs to (or of another root, e.g. a test's copy). */
export function rendererBuildPaths(root: string = PROJECT_ROOT): RendererBuildPaths {
  return { root, outDir: join(root, 'renderer', 'dist') };
}

/** Kept inside the output folder, so deleting or emptying renderer/dist also forgets the stamp. */
const stampPath = (paths: RendererBuildPaths): string => join(paths.outDir, '.build-inputs.json');

/** Inputs outside the module graph: the build config, and the lock file that pins every package. */
const FIXED_INPUTS = ['vite.renderer.config.ts', 'package-lock.json'];

/**
 * Why the build in `outDir` cannot be served as it is (no build, no stamp, an
 * input changed or vanished), or undefined when every input still hashes as
 * recorded (bin/build-stamp.mjs).
 */
export function rendererBuildStaleness(
  paths: RendererBuildPaths = rendererBuildPaths(),
): Promise<string | undefined> {
  return buildStaleness(paths.root, stampPath(paths));
}

/**
 * Records the modules Rollup read (without node_modules: the lock file stands
 * for those, and without virtual modules).
 */
function recordInputs(root: string, into: Set<string>): Plugin {
  return {
    name: 'counter-pos:record-inputs',
    apply: 'build',
    generateBundle() {
      for (const id of this.getModuleIds()) {
        const file = id.split('?')[0] ?? id;
        if (!isAbsolute(file) || file.includes('/node_modules/')) continue;
        into.add(relative(root, file));
      }
    },
  };
}

/** A Vite logger that keeps warnings for the log file instead of the user's terminal. */
function collectingLogger(warnings: string[]): ViteLogger {
  const logged = new Set<string>();
  return {
    hasWarned: false,
    info: () => undefined,
    warn(msg) {
      this.hasWarned = true;
      warnings.push(msg);
    },
    warnOnce(msg) {
      if (logged.has(msg)) return;
      logged.add(msg);
      this.warn(msg);
    },
    error: (msg) => warnings.push(msg),
    clearScreen: () => undefined,
    hasErrorLogged: () => false,
  };
}

export interface RendererBuildResult {
  /** Why it was built (see rendererBuildStaleness), or undefined when the build was current. */
  rebuilt?: string;
  /** Rollup's and Vite's warnings: for the log file, never the cashier's terminal. */
  warnings: string[];
}

/**
 * Builds renderer/ with Vite unless the build on disk was made from exactly
 * the sources and lock file there now, and stamps the new build with its
 * inputs' hashes. Browser mode never serves screens older than the checkout.
 */
export async function ensureRendererBuild(
  paths: RendererBuildPaths = rendererBuildPaths(),
  { force = false }: { force?: boolean } = {},
): Promise<RendererBuildResult> {
  const reason = force ? 'asked to' : await rendererBuildStaleness(paths);
  if (!reason) return { warnings: [] };
  const warnings: string[] = [];
  const inputs = new Set<string>(FIXED_INPUTS);
  const { build } = await import('vite');
  await build({
    configFile: join(paths.root, 'vite.renderer.config.ts'),
    build: { outDir: paths.outDir },
    customLogger: collectingLogger(warnings),
    plugins: [recordInputs(paths.root, inputs)],
  });
  await writeBuildStamp(paths.root, stampPath(paths), inputs);
  return { rebuilt: reason, warnings };
}
