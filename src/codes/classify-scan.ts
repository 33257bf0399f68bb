/**
 * Classifies what the cashier's scanner read, through the table in
 * payment-code-rules.ts. Only the shape is judged here; EMV payloads are
 * parsed by their own parsers, wallet codes are judged by the gateway,
 * product codes are looked up in the catalog.
 */
import { PaymentCodeError } from './errors.js';
import { maskPaymentCode } from './mask.js';
import { SCAN_RULES, type Wallet } from './payment-code-rules.js';
import { type ProductBarcode, parseProductBarcode } from './product-barcode.js';

/** A recognised scan; `code` is the scanned text without surrounding whitespace. */
export type ScanClass =
  | { format: 'emv-mpm'; code: string }
  | { format: 'emv-cpm'; code: string }
  | ({ format: 'product-barcode' } & ProductBarcode)
  | { format: 'payment-code'; wallet: Wallet; code: string };

/**
 * The longest scan the till accepts: the relay protocol's bound on a payment
 * code (docs/relay-protocol.md, PayRequest.paymentCode ≤ 512) and EMV
 * QRCPS's on a whole QR payload. A longer one is refused here, before
 * anything is journaled, rather than by the client after the tender was
 * recorded as requested.
 */
export const MAX_SCAN_LENGTH = 512;

/**
 * Finds the first rule of `SCAN_RULES` that the scanned code `raw` matches. Scanners end
 * a read with CR, LF or Tab, so surrounding whitespace is dropped first.
 * Throws a `PaymentCodeError` (reason unrecognised) for anything else.
 */
export function classifyScan(raw: string): ScanClass {
  const code = raw.trim();
  if (code === '') throw new PaymentCodeError('empty scan');
  if (code.length > MAX_SCAN_LENGTH)
    throw new PaymentCodeError(`scan of ${code.length} characters: longer than the ${MAX_SCAN_LENGTH} a payment code or QR may have`);
  const rule = SCAN_RULES.find(({ pattern }) => pattern.test(code));
  if (!rule) {
    const shown = JSON.stringify(maskPaymentCode(code));
    throw new PaymentCodeError(
      `unrecognised scan ${shown} (${code.length} characters): not an EMV QR, a product barcode, a wallet payment code or a plausible domestic code`,
    );
  }
  if (rule.format === 'product-barcode') return { format: rule.format, ...parseProductBarcode(code)! };
  if (rule.format === 'payment-code')
    return { format: rule.format, wallet: rule.wallet ?? 'unknown', code };
  return { format: rule.format, code };
}
