import type { TaxClass, VatSplit } from '../money/index.js';
import type { CartBody } from './checkout-cart.js';
import type { TenderMethod, TenderState } from './payment-states.js';

/**
 * The bodies of the journal rows the payment engine writes. Each kind is one
 * fact; the projector folds them into the pay_* tables, so the tables can be
 * rebuilt from the journal at any time. Payment codes appear only masked;
 * amounts are integer minor units.
 */

/** One line of a sale: what was sold, at what VAT-inclusive unit price, how many. */
export interface SaleLine {
  /** The catalog item sold (absent for an open-price line); src/catalog lowers its stock from this record. */
  itemId?: string;
  name: string;
  unitPrice: number;
  quantity: number;
  tax: TaxClass;
  /** Discount on this line, minor units, VAT included. */
  discount?: number;
}

export interface SaleOpenedBody {
  saleId: string;
  businessDate: string;
  currency: string;
  lines: SaleLine[];
  /** Discount on the whole sale, spread over the lines by value. */
  saleDiscount: number;
  total: number;
  vat: VatSplit;
  cashierId?: string;
}

export interface SaleCompletedBody {
  saleId: string;
  receiptNumber: string;
  /** The receipt's sequence within its business day (the counter the projector keeps). */
  receiptSeq: number;
  businessDate: string;
  total: number;
  currency: string;
  vat: VatSplit;
  tenders: Array<{ tenderId: string; method: TenderMethod; amount: number }>;
}

export interface SaleAbandonedBody {
  saleId: string;
  reason: string;
}

/** One state change of a tender. `from` null for the row that creates it. */
export interface TenderStateBody {
  tenderId: string;
  saleId: string;
  method: TenderMethod;
  from: TenderState | null;
  to: TenderState;
  currency: string;
  amount: number;
  wallet?: string;
  maskedCode?: string;
  /** CPM: a digest of the wallet code, so one code is refused a second time within a sale. */
  codeDigest?: string;
  billNumber?: string;
  /** MPM: the terminal-wide counter behind `billNumber`. */
  billSeq?: number;
  gatewayPaymentId?: string;
  /** Offline MPM: the paymentRequestId the wallet's payment has at the gateway. */
  gatewayRequestId?: string;
  /**
   * Cross-border: what the customer's wallet was charged in their currency
   * (minor units), as the gateway reported it with the payment's success.
   */
  customerCurrency?: string;
  customerAmount?: number;
  /** Result code and words for the cashier (declines, reversals). */
  reasonCode?: string;
  reason?: string;
  /** Who authorised the change with their PIN (an offline QR's write-off). */
  staffId?: string;
  /** MPM: when the order code (or the offline QR) stops being payable. */
  expiresAt?: number;
  /** Cash: what the customer handed over and what went back. */
  tendered?: number;
  change?: number;
  /** Journal record ids the gateway must have before this one (sync order). */
  dependsOn?: string[];
}

export type RefundKind = 'refund' | 'void';
export type RefundState = 'requested' | 'completed' | 'failed';

/** One state change of a refund or a same-day void of a tender. */
export interface RefundStateBody {
  refundId: string;
  tenderId: string;
  saleId: string;
  method: TenderMethod;
  kind: RefundKind;
  from: RefundState | null;
  to: RefundState;
  currency: string;
  amount: number;
  reason?: string;
  reasonCode?: string;
  staffId?: string;
  /** Cross-border: what goes back to the customer's wallet in their currency (the gateway's answer). */
  customerCurrency?: string;
  customerAmount?: number;
  /**
   * The refund that replaces a network cancellation refused past the cancel
   * window (refund id `<tenderId>.rev`): the payment never counted as a
   * sale, so this is not a refund in the day's figures either.
   */
  reversal?: boolean;
  /** A return by line: the lines that came back (returns.ts, `refundContentSchema`). */
  lines?: Array<{ line: number; quantity: number; amount: number }>;
  /** The VAT split this refund books, telescoped over the sale's life (positive amounts). */
  vat?: VatSplit;
  /** The gateway's id of the refund (its approval number), on the completed row. */
  gatewayRefundId?: string;
  dependsOn?: string[];
}

export type CashMovementKind = 'float' | 'pay-in' | 'pay-out';

export interface CashMovementBody {
  movementId: string;
  kind: CashMovementKind;
  currency: string;
  amount: number;
  reason: string;
  staffId?: string;
}

export interface DrawerOpenedBody {
  reason: 'sale' | 'refund' | 'cash-movement' | 'no-sale';
  saleId?: string;
}

export type CashReceiptIdentifierType = 'phone' | 'card' | 'business-number';

/** 현금영수증 request: uploaded with the sync for issuance, so it carries the full identifier. */
export interface CashReceiptRequestedBody {
  tenderId: string;
  saleId: string;
  identifierType: CashReceiptIdentifierType;
  identifier: string;
  masked: string;
  /** 소득공제 (personal deduction) or 지출증빙 (business expense proof). */
  purpose: 'deduction' | 'expense-proof';
  amount: number;
  dependsOn?: string[];
}

export interface CashReceiptResultBody {
  tenderId: string;
  status: 'issued' | 'failed';
  approvalNumber?: string;
  code?: string;
}

export interface BusinessDayBody {
  businessDate: string;
}

/** Every kind the payment engine writes, with its body type. */
export interface PaymentRecordBodies {
  'sale.opened': SaleOpenedBody;
  'sale.completed': SaleCompletedBody;
  'sale.abandoned': SaleAbandonedBody;
  'tender.state': TenderStateBody;
  'refund.state': RefundStateBody;
  'cash.movement': CashMovementBody;
  'drawer.opened': DrawerOpenedBody;
  'cash-receipt.requested': CashReceiptRequestedBody;
  'cash-receipt.result': CashReceiptResultBody;
  'business-day.opened': BusinessDayBody;
  'business-day.closed': BusinessDayBody;
  'checkout.cart': CartBody;
}

export type PaymentRecordKind = keyof PaymentRecordBodies;
