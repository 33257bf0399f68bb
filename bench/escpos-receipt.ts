/**
 * escpos_receipt: median milliseconds to encode a 40-line receipt with QR and
 * logo for an 80 mm Korean printer (target: under 1 ms). The peer,
 * @point-of-sale/receipt-printer-encoder, encodes the same receipt without
 * Hangul (it turns Hangul into `?`); escpos_receipt_latin is our encoder on
 * exactly the peer's content, for a like-for-like ratio.
 *
 *   node bin/run-ts.mjs bench/escpos-receipt.ts
 */
import { readFileSync } from 'node:fs';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { PNG } from 'pngjs';
import { layoutReceipt } from '../src/receipts/receipt-layout.js';
import type { ReceiptDocument } from '../src/receipts/receipt-document.js';
import { EscPosReceiptEncoder } from '../native/printer/escpos-encoder.js';
import { PngDirectoryImageSource } from '../native/printer/image-source.js';
import { printerProfile } from '../native/printer/profiles.js';
import { sampleReceipt } from '../native/printer/sample-receipt.js';
import { median, printFigure, timeMany } from './lib/measure.js';

const ITEMS = 16; // 40 printed lines with the header, totals and footer
const RUNS = { warmup: 200, runs: 2000 };

const profile = printerProfile('korean-80');
const ours = new EscPosReceiptEncoder(profile, new PngDirectoryImageSource());
const korean = sampleReceipt(ITEMS);
const latin = sampleReceipt(ITEMS, { hangul: false });
const lines = layoutReceipt(korean, profile.columns.fontA).filter((b) => b.kind === 'line').length;

const logoPng = PNG.sync.read(
  readFileSync(new URL('../assets/logo/counter-logo.png', import.meta.url)),
);
// The peer takes any ImageData-shaped object.
const logo = {
  data: new Uint8ClampedArray(logoPng.data),
  width: logoPng.width,
  height: logoPng.height,
};

/** The same document through the peer's API, block for block. */
function peerEncode(doc: ReceiptDocument): Uint8Array {
  const e = new ReceiptPrinterEncoder({
    columns: profile.columns.fontA,
    printerModel: 'bixolon-srp350iii',
    feedAfterBlock: false,
  });
  // A fixed code page as ours uses; the peer's 'auto' search costs about 30 times more on text.
  e.initialize().codepage('cp437');
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'text':
        e.align(block.style?.align ?? 'left').bold(block.style?.bold ?? false);
        e.size(block.style?.size === 'double' ? 2 : 1, block.style?.size === 'double' ? 2 : 1).line(
          block.text,
        );
        e.size(1, 1).bold(false).align('left');
        break;
      case 'item':
        e.table(
          [{ width: 25 }, { width: 5, align: 'right' }, { width: 12, align: 'right' }],
          [[block.name, block.quantity, block.amount]],
        );
        break;
      case 'key-value':
        e.table([{ width: 21 }, { width: 21, align: 'right' }], [[block.key, block.value]]);
        break;
      case 'separator':
        e.rule();
        break;
      case 'qr':
        e.align('center')
          .qrcode(block.data, 2, block.moduleSize ?? 4, 'm')
          .align('left');
        break;
      case 'image':
        e.align('center').image(logo, logo.width, logo.height, 'threshold').align('left');
        break;
      case 'feed':
        e.newline(block.lines);
        break;
      case 'cut':
        e.cut('partial');
        break;
      case 'drawer':
        e.pulse();
        break;
      case 'barcode':
        e.barcode(block.data, block.symbology);
        break;
    }
  }
  return e.encode();
}

const koreanMs = median(await timeMany(() => ours.encode(korean), RUNS));
const latinMs = median(await timeMany(() => ours.encode(latin), RUNS));
const peerMs = median(await timeMany(() => peerEncode(latin), RUNS));
const peer = '@point-of-sale/receipt-printer-encoder';

printFigure({
  name: 'escpos_receipt',
  value: koreanMs,
  unit: 'ms',
  n: RUNS.runs,
  peer,
  peerValue: peerMs,
  ratio: koreanMs / peerMs,
  lines,
  bytes: ours.encode(korean).length,
  content: 'Korean 80 mm receipt, 42 columns, logo + QR; peer: same receipt without Hangul',
});
printFigure({
  name: 'escpos_receipt_latin',
  value: latinMs,
  unit: 'ms',
  n: RUNS.runs,
  peer,
  peerValue: peerMs,
  ratio: latinMs / peerMs,
  content: 'the same receipt without Hangul for both encoders',
});
