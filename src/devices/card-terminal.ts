/**
 * The card terminal port. Most Korean counters run card payments on a
 * standalone terminal (단말기) beside the till: the cashier keys the amount
 * there, the customer inserts or taps the card, and the terminal prints a
 * slip with the approval number. The till records that slip as a tender
 * (`SlipCardTerminal`, src/payments/card-slip.ts). An integrated terminal
 * (VAN 연동) implements this same port later and fills the facts itself.
 */

/** What the slip (or an integrated terminal) says about a card payment. */
export interface CardApproval {
  /** 승인번호: the card company's approval number. */
  approvalNumber: string;
  /** 카드사: the issuer as printed on the slip (신한, 국민 ...), null when not typed. */
  cardCompany: string | null;
  /** 할부 개월: 0 for 일시불 (paid at once). */
  installmentMonths: number;
}

/** A card payment the till asks for. `slip` carries what the cashier keyed from a standalone terminal's slip. */
export interface CardChargeRequest {
  tenderId: string;
  saleId: string;
  currency: string;
  amount: number;
  slip?: CardApproval;
}

/** A card payment given back (승인취소): whole or in part. `approvalNumber` is the cancellation slip's, when typed. */
export interface CardCancelRequest {
  tenderId: string;
  refundId: string;
  currency: string;
  amount: number;
  original: CardApproval;
  approvalNumber?: string;
}

/** The card terminal as far as payments are concerned. */
export interface CardTerminal {
  /** Takes a card payment; rejects when there is none to record (no slip, the terminal declined). */
  charge(request: CardChargeRequest): Promise<CardApproval>;
  /** Gives a card payment back; resolves with the cancellation's approval number, or null when none was given. */
  cancel(request: CardCancelRequest): Promise<{ approvalNumber: string | null }>;
}
