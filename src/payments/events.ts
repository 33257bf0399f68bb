import { DeviceEvents } from '../devices/device-status.js';
import type { Logger } from '../platform/logger.js';
import type { TenderMethod, TenderState } from './payment-states.js';

/** A tender moved to a new state. */
export interface TenderChangedEvent {
  tenderId: string;
  saleId: string;
  method: TenderMethod;
  from: TenderState | null;
  to: TenderState;
  amount: number;
  reasonCode?: string;
  reason?: string;
}

/** Every kind of alert the engine raises; the screens translate each one. */
export const PAYMENT_ALERT_CODES = [
  'offline-mpm-unmatched',
  'offline-qr-paid-after-abandon',
  'late-success-reversed',
  'reversal-pending',
  'reversal-refused',
  'disk-full',
  'cash-receipt-failed',
  'cash-receipt-cancel-failed',
  'outbox-quarantined',
  'projection-drift',
] as const;

/** Something the owner or cashier must see and act on. */
export interface PaymentAlert {
  code: (typeof PAYMENT_ALERT_CODES)[number];
  message: string;
  ref?: string;
}

/** The engine's events, for the screen, the receipt printer and the contract events of src/api. */
export interface PaymentEventMap extends Record<string, unknown> {
  tender: TenderChangedEvent;
  sale: { saleId: string; state: 'open' | 'completed' | 'abandoned'; receiptNumber?: string };
  refund: { refundId: string; tenderId: string; state: string; amount: number };
  alert: PaymentAlert;
}

/** The payment engine's typed event channel (a throwing listener is logged, not fatal). */
export class PaymentEvents extends DeviceEvents<PaymentEventMap> {
  constructor(logger: Logger) {
    super(logger);
  }
}
