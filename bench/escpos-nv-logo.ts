/**
 * escpos_nv_logo_serial: seconds a receipt takes on a 115,200 baud serial line (8N1: ten bits a
 * byte) with the logo printed by key from the printer's NV memory, beside the same receipt with
 * the logo sent as raster every time (issue 16, Deliver 9: about 0.60 s -> 0.15 s). Computed
 * from the bytes the encoder produces for the sample receipt (the benchmark's 40-line Korean
 * receipt with the shipped logo and QR); a pseudo-terminal ignores the baud rate, so timing a
 * socat pair would measure the pty, not the line. The one-time store is printed too.
 *
 *   node bin/run-ts.mjs bench/escpos-nv-logo.ts
 */
import { EscPosReceiptEncoder, nvLogoId } from '../native/printer/escpos-encoder.js';
import { PngDirectoryImageSource } from '../native/printer/image-source.js';
import { printerProfile } from '../native/printer/profiles.js';
import { sampleReceipt } from '../native/printer/sample-receipt.js';
import { printFigure } from './lib/measure.js';

const BAUD = 115_200;
const BITS_PER_BYTE = 10; // start bit, 8 data bits, stop bit
const lineSeconds = (bytes: number): number => (bytes * BITS_PER_BYTE) / BAUD;

const profile = printerProfile('korean-80');
const encoder = new EscPosReceiptEncoder(profile, new PngDirectoryImageSource());
const receipt = sampleReceipt(16);
const [logo] = encoder.nvLogos(receipt);
if (!logo) throw new Error('the sample receipt has no logo to store');

const rasterBytes = encoder.encode(receipt).length;
const nvBytes = encoder.encode(receipt, new Set([nvLogoId(logo.ref, logo.align)])).length;

printFigure({
  name: 'escpos_nv_logo_serial',
  value: lineSeconds(nvBytes),
  unit: 's',
  n: 1,
  rasterSeconds: Math.round(lineSeconds(rasterBytes) * 1000) / 1000,
  nvBytes,
  rasterBytes,
  storeBytes: logo.define.length,
  storeSeconds: Math.round(lineSeconds(logo.define.length) * 1000) / 1000,
  baud: BAUD,
  content: `40-line Korean receipt, korean-80 profile, logo by GS ( L fn 69 key "${logo.key}" vs GS v 0 raster`,
});
