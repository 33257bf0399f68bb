import type { EmvMpm } from './emv-mpm-types.js';
import { encodeDataObject, readDataObjects } from './mpm-tlv.js';

/**
 * An offline bill's validity, carried in its own merchant QR so the gateway
 * can refuse a payment after it (issue 12: a bill paid hours after the
 * cashier gave up). EMV MPM has no expiry field; additional data template
 * 62 keeps 50-99 for payment-system specific templates (EMV QRCPS-MPM 4.8),
 * so the relay's is 62.50: sub-ID 00 the relay's GUI, 01 the last second
 * (Unix time) the bill may be paid.
 */
export const BILL_VALIDITY_ID = '50';

/** The 62.50 template value for a bill payable until `validUntilMs`. */
export function billValidityTemplate(gui: string, validUntilMs: number): string {
  const tag = `62.${BILL_VALIDITY_ID}`;
  const seconds = String(Math.floor(validUntilMs / 1000));
  return encodeDataObject('00', gui, 'billValidity.gui', `${tag}.00`) + encodeDataObject('01', seconds, 'billValidity.until', `${tag}.01`);
}

/** The time (ms since the epoch) until which a parsed merchant QR's bill may be paid; undefined when it names none. */
export function billValidUntil(mpm: EmvMpm): number | undefined {
  const template = mpm.additionalData?.other?.[BILL_VALIDITY_ID];
  if (!template) return undefined;
  const until = readDataObjects(template, 0, `62.${BILL_VALIDITY_ID}`).find((o) => o.id === '01')?.value;
  return until && /^\d{1,12}$/.test(until) ? Number(until) * 1000 + 999 : undefined;
}
