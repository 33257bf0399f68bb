import type { TenderOutcome } from './cpm-flow.js';

/** A merchant-presented QR on the customer display, and how it ends. */
export interface MpmSession {
  tenderId: string;
  offline: boolean;
  qrPayload?: string;
  expiresAt?: number;
  /** Settles when the payment is decided (online) or the cashier confirms / gives up (offline). */
  outcome: Promise<TenderOutcome>;
}
