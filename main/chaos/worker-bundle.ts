import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** How to start the chaos worker: the node arguments, and what to remove once the run is over. */
export interface WorkerEntry {
  args: string[];
  dispose(): void;
}

/**
 * The chaos worker (`source`, TypeScript) as one JavaScript file built for
 * this run with esbuild, packages left in node_modules: a start then loads
 * one file instead of tsx compiling its 150 sources again, and a run starts
 * the worker once per kill (on a loaded machine that compile was most of a
 * short run's time). The bundle lives under `root`/out so its imports
 * resolve from the checkout's node_modules, in a directory of its own so
 * two runs never share one. Without esbuild the worker runs through tsx
 * (`runTs`), as it did before.
 */
export async function workerEntry(root: string, source: string, runTs: string): Promise<WorkerEntry> {
  try {
    const { build } = await import('esbuild');
    mkdirSync(join(root, 'out'), { recursive: true });
    const dir = mkdtempSync(join(root, 'out', 'chaos-worker-'));
    const outfile = join(dir, 'chaos-worker.mjs');
    await build({
      absWorkingDir: root,
      entryPoints: [source],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    return { args: [outfile], dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch {
    return { args: [runTs, source], dispose: () => undefined };
  }
}
