import type { TenderOutcome } from './cpm-flow.js';
import { type TenderMethod, type TenderState, isPasswordWait } from './payment-states.js';
import type { PaymentStore, SaleRow } from './payment-store.js';

/** The tender the session is waiting for, as the screens show it. */
export interface TenderInFlight {
  method: TenderMethod;
  /** Null until the engine has journaled it (the first instant of a tender command). */
  tenderId: string | null;
  state: TenderState | null;
  amount: number | null;
  wallet: string | null;
  /** MPM: the QR on the customer display. */
  qr: { offline: boolean; qrPayload: string | null; expiresAt: number | null } | null;
  /** `password`: the customer is entering their wallet password (isPasswordWait); the screen says so. */
  waiting: 'password' | null;
}

/** How the last tender ended. `cancelled`: the cashier took a QR down, or the customer did not pay it. */
export type CheckoutOutcome =
  | {
      kind: 'approved';
      tenderId: string;
      method: TenderMethod;
      amount: number;
      wallet: string | null;
      /** Cash: what went back to the customer. */
      change: number | null;
      /** Offline QR: approved by the cashier, confirmed once the gateway has seen it. */
      pending: boolean;
      /** The sale is paid in full (its receipt number is set). */
      complete: boolean;
      receiptNumber: string | null;
    }
  | { kind: 'declined'; tenderId: string; method: TenderMethod; reasonCode: string | null; reason: string | null }
  | { kind: 'cancelled'; tenderId: string; method: TenderMethod };

const APPROVED: ReadonlySet<TenderState> = new Set(['approved', 'pending-confirmation']);
/** The result code the engine gives a QR the cashier took down (src/payments/mpm-*.ts). */
const CASHIER_ABORT = 'CASHIER_ABORT';

/** The tender in flight, read from the projection once it is journaled. */
export function tenderInFlight(
  store: Pick<PaymentStore, 'tender'>,
  active: { method: TenderMethod; tenderId: string | null; qr?: TenderInFlight['qr'] },
): TenderInFlight {
  const row = active.tenderId ? store.tender(active.tenderId) : undefined;
  return {
    method: row?.method ?? active.method,
    tenderId: active.tenderId,
    state: row?.state ?? null,
    amount: row?.amount ?? null,
    wallet: row?.wallet ?? null,
    qr: active.qr ?? null,
    waiting: row && isPasswordWait(row) ? 'password' : null,
  };
}

/** A tender's outcome in the screens' words. */
export function outcomeOf(outcome: TenderOutcome, sale: SaleRow | undefined, change: number | null): CheckoutOutcome {
  const { tender } = outcome;
  const base = { tenderId: tender.tenderId, method: tender.method };
  if (APPROVED.has(tender.state)) {
    return {
      kind: 'approved',
      ...base,
      amount: tender.amount,
      wallet: tender.wallet,
      change,
      pending: tender.state === 'pending-confirmation',
      complete: sale?.state === 'completed',
      receiptNumber: sale?.receiptNumber ?? null,
    };
  }
  if (tender.reasonCode === CASHIER_ABORT) return { kind: 'cancelled', ...base };
  return { kind: 'declined', ...base, reasonCode: tender.reasonCode, reason: outcome.message ?? tender.reason };
}
