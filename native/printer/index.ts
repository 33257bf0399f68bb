/**
 * ESC/POS receipt printers: profiles, the encoder (documents to bytes, Korean
 * through CP949), transports, the durable print queue, the printer and drawer
 * ports' implementations, and the virtual printer (decoder, PNG, fake TCP).
 */
export {
  type PrinterProfile,
  printerProfileSchema,
  printerProfile,
  printerProfiles,
  UnknownPrinterProfileError,
} from './profiles.js';
export { type Bitmap, createBitmap, setDot, getDot, drawBitmap, inkCount } from './bitmap.js';
export {
  EscPosCommands,
  EscPosArgumentError,
  BARCODE_SYSTEMS,
  QR_LEVELS,
  type BarcodeSystem,
} from './escpos-commands.js';
export { EscPosReceiptEncoder } from './escpos-encoder.js';
export { TextCodec, isKsX1001, RASTER, SKIP, KOREA_CHARSET } from './text-codec.js';
export {
  type ImageSource,
  PngDirectoryImageSource,
  MapImageSource,
  bitmapFromPng,
} from './image-source.js';
export { qrBitmap } from './qr-raster.js';
export { glyphFor, drawText, codePointBox } from './glyphs/glyph-renderer.js';
export { hangulGlyph } from './glyphs/hangul-glyphs.js';
export {
  type RealTimeStatus,
  STATUS_REQUESTS,
  statusRequest,
  parseRealTimeStatus,
  summarizeStatus,
  statusByte,
  PrinterStatusError,
} from './status.js';
export {
  DEFAULT_WRITE_TIMEOUT_MS,
  NoAnswerError,
  type PrinterTransport,
  TransportError,
  type WriteOptions,
} from './transports/transport.js';
export { WRITE_ONLY_ADVICE, WriteOnlyLink } from './transports/write-only-link.js';
export { NvLogoStore, type StoredNvLogo } from './nv-logo-store.js';
export { TcpTransport, type TcpTransportOptions } from './transports/tcp-transport.js';
export { SerialTransport, type SerialTransportOptions } from './transports/serial-transport.js';
export {
  DeviceFileTransport,
  type DeviceFileTransportOptions,
} from './transports/device-file-transport.js';
export { PrintQueue, type PrintJob, type PrintJobState } from './print-queue.js';
export { EscPosPrinter, type EscPosPrinterDeps } from './escpos-printer.js';
export { EscPosCashDrawer } from './escpos-drawer.js';
export {
  type DecodedReceipt,
  type DecodedElement,
  type DecodedLine,
  type DecodedCell,
  decodedText,
  lineText,
} from './decoder/decoded-receipt.js';
export {
  EscPosDecoder,
  EscPosDecodeError,
  decodeEscPos,
  type DecoderOptions,
} from './decoder/escpos-decoder.js';
export { renderReceiptPng, renderReceiptBitmap, type RenderOptions } from './decoder/render-png.js';
export { RENDER_LIMITS, RenderRefusedError, checkRenderLimits } from './decoder/render-limits.js';
export {
  DEFAULT_RENDER_BUDGET,
  type RenderBudget,
  type RenderWorkerEntry,
  renderReceiptPngInWorker,
  renderWorkerEntry,
} from './decoder/render-in-worker.js';
export {
  VirtualPrinterDevice,
  type PrintedReceipt,
  type VirtualPrinterOptions,
} from './virtual-printer-device.js';
export { VirtualTcpPrinter } from './virtual-tcp-printer.js';
export { sampleReceipt, sampleSaleData } from './sample-receipt.js';
export { LivePrinter, TrainingPrinter, type PrinterLinkSetting, printerTransport } from './printer-factory.js';
