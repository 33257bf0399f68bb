import { parentPort } from 'node:worker_threads';
import type { DecodedReceipt } from './decoded-receipt.js';
import { type RenderOptions, renderReceiptPng } from './render-png.js';

/**
 * The worker thread of render-in-worker.ts: draws one receipt as a PNG and
 * answers `{ png }` or `{ refused }` (the one-line reason). It runs with its
 * own heap limit, so a receipt that still manages to blow up takes only this
 * thread down, never the till.
 */
parentPort?.once('message', ({ receipt, options }: { receipt: DecodedReceipt; options: RenderOptions }) => {
  try {
    const png = renderReceiptPng(receipt, options);
    parentPort!.postMessage({ png: new Uint8Array(png) });
  } catch (error) {
    parentPort!.postMessage({ refused: error instanceof Error ? error.message : String(error) });
  }
});
