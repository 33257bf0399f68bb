/**
 * src/codes: EMV merchant QR (MPM) build and parse, EMV consumer QR (CPM)
 * parse, product barcodes (GS1 shapes, check digits, scale labels), wallet
 * payment-code detection and masking. Import from here only.
 */
export {
  CodeError,
  type CodeErrorReason,
  EmvCrcError,
  EmvFieldError,
  EmvFormatError,
  PaymentCodeError,
} from './errors.js';
export { crc16CcittFalse, emvCrc } from './crc16.js';
export {
  type EmvMpm,
  type EmvMpmInput,
  type MpmAdditionalData,
  type MpmAlternateLanguage,
  type MpmTemplate,
  emvMpmSchema,
} from './emv-mpm-types.js';
export { buildEmvMpm } from './emv-mpm-build.js';
export { type EmvMpmNode, decodeEmvMpm } from './emv-mpm-decode.js';
export { parseEmvMpm } from './emv-mpm-parse.js';
export { type MpmDataObject } from './mpm-tlv.js';
export { type CpmDataGroup, type EmvCpm, parseEmvCpm } from './emv-cpm-parse.js';
export { SCAN_RULES, type ScanFormat, type ScanRule, type Wallet } from './payment-code-rules.js';
export { MAX_SCAN_LENGTH, type ScanClass, classifyScan } from './classify-scan.js';
export {
  type ProductBarcode,
  type ProductSymbology,
  GS1_NUMERIC,
  IN_STORE_CODE_128,
  parseProductBarcode,
  productSymbologyOf,
} from './product-barcode.js';
export { gs1CheckDigit, withGs1CheckDigit } from './gs1-check-digit.js';
export { maskPaymentCode } from './mask.js';
export { billValidUntil } from './bill-validity.js';
export {
  type MerchantProfile,
  type MpmSale,
  buildDynamicMpm,
  merchantProfileSchema,
} from './merchant-profile.js';
export {
  type ScaleFlags,
  type ScaleLabel,
  type ScaleLayout,
  DEFAULT_SCALE_FLAGS,
  SCALE_LAYOUTS,
  priceOfWeight,
  readScaleLabel,
  scaleFlagsSchema,
  scaleLayoutSchema,
} from './scale-label.js';
