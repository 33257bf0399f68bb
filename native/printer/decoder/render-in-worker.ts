import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DecodedReceipt } from './decoded-receipt.js';
import { RenderRefusedError } from './render-limits.js';
import type { RenderOptions } from './render-png.js';

/** How long and how much memory one receipt may take to draw (issue 14 point 6). */
export interface RenderBudget {
  timeoutMs: number;
  /** The worker's old-generation heap, in MB. */
  maxMemoryMb: number;
}

export const DEFAULT_RENDER_BUDGET: RenderBudget = { timeoutMs: 15_000, maxMemoryMb: 192 };

/** How to start the worker: a built JavaScript file, or (a checkout) code that loads the TypeScript source. */
export type RenderWorkerEntry = { file: string } | { code: string };

/**
 * The render worker: `built` (the CLI bundle writes out/cli/render-worker.mjs
 * beside itself) when it exists; else, in a checkout, render-worker.ts loaded
 * through tsx's API (Node 20 does not apply `--import` loaders in workers).
 */
export function renderWorkerEntry(built?: string): RenderWorkerEntry {
  if (built && existsSync(built)) return { file: built };
  // require.resolve finds the package's CommonJS build; its ESM twin sits beside it (tsx's exports map).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const source = new URL('./render-worker.ts', import.meta.url).href;
  return { code: `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}));` };
}

/**
 * Draws a decoded receipt as a PNG on a worker thread with a time and heap
 * budget: whatever the bytes asked for, the till's own thread keeps serving
 * scans and the screen. A receipt beyond the render limits, past its time or
 * out of memory rejects with RenderRefusedError and a one-line reason.
 */
export function renderReceiptPngInWorker(
  receipt: DecodedReceipt,
  options: RenderOptions,
  { entry = renderWorkerEntry(), budget = DEFAULT_RENDER_BUDGET }: { entry?: RenderWorkerEntry; budget?: RenderBudget } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker('file' in entry ? entry.file : entry.code, {
      eval: !('file' in entry),
      resourceLimits: { maxOldGenerationSizeMb: budget.maxMemoryMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => finish(() => reject(new RenderRefusedError(`drawing the receipt took over ${budget.timeoutMs / 1000} s`))),
      budget.timeoutMs,
    );
    worker.once('message', (answer: { png?: Uint8Array; refused?: string }) =>
      finish(() => (answer.png ? resolve(Buffer.from(answer.png)) : reject(new RenderRefusedError(answer.refused ?? 'the render worker gave no image')))),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new RenderRefusedError(`drawing the receipt needed over ${budget.maxMemoryMb} MB`)
            : error,
        ),
      ),
    );
    worker.once('exit', (code) => finish(() => reject(new RenderRefusedError(`the render worker stopped (exit ${code})`))));
    worker.postMessage({ receipt, options });
  });
}
