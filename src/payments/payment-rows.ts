import type { TenderMethod, TenderState } from './payment-states.js';
import type { RefundKind, RefundState } from './records.js';

/** A sale as the projection holds it. */
export interface SaleRow {
  saleId: string;
  state: 'open' | 'completed' | 'abandoned';
  /** The day it was opened on; once completed, the day whose receipt numbering it took. */
  businessDate: string;
  currency: string;
  total: number;
  receiptNumber: string | null;
  openedAt: number;
  closedAt: number | null;
  completedSeq: number | null;
}

/** A tender (one payment of a sale) as the projection holds it. */
export interface TenderRow {
  tenderId: string;
  saleId: string;
  method: TenderMethod;
  state: TenderState;
  currency: string;
  amount: number;
  refunded: number;
  wallet: string | null;
  maskedCode: string | null;
  billNumber: string | null;
  gatewayPaymentId: string | null;
  /** The payment's request id at the gateway: the tender id, except for offline MPM (the wallet's). */
  gatewayRequestId: string | null;
  /** Cross-border: what the customer's wallet was charged, in their currency's minor units. */
  customerCurrency: string | null;
  customerAmount: number | null;
  reasonCode: string | null;
  reason: string | null;
  requestedAt: number | null;
  expiresAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** Journal seq of the row that put the tender in its current state. */
  stateSeq: number;
}

/** A refund or void as the projection holds it. */
export interface RefundRow {
  refundId: string;
  tenderId: string;
  saleId: string;
  kind: RefundKind;
  state: RefundState;
  amount: number;
  reason: string | null;
  staffId: string | null;
  requestedAt: number;
}

export const SALE_COLUMNS = `sale_id AS saleId, state, business_date AS businessDate, currency, total,
  receipt_number AS receiptNumber, opened_at AS openedAt, closed_at AS closedAt, completed_seq AS completedSeq`;
export const TENDER_COLUMNS = `tender_id AS tenderId, sale_id AS saleId, method, state, currency, amount, refunded, wallet,
  masked_code AS maskedCode, bill_number AS billNumber, gateway_payment_id AS gatewayPaymentId, gateway_request_id AS gatewayRequestId,
  customer_currency AS customerCurrency, customer_amount AS customerAmount, reason_code AS reasonCode, reason,
  requested_at AS requestedAt, expires_at AS expiresAt, created_at AS createdAt, updated_at AS updatedAt, state_seq AS stateSeq`;
export const REFUND_COLUMNS = `refund_id AS refundId, tender_id AS tenderId, sale_id AS saleId, kind, state, amount, reason,
  staff_id AS staffId, requested_at AS requestedAt`;
