import type { Amount, Payment } from '../relay/protocol.js';
import type { PaymentEvents } from './events.js';
import type { TenderState } from './payment-states.js';
import type { PaymentStore, TenderRow } from './payment-store.js';
import type { TenderStateBody } from './records.js';

/** Fields a state change may add to a tender. */
export type TenderChange = Partial<
  Pick<
    TenderStateBody,
    | 'wallet'
    | 'gatewayPaymentId'
    | 'gatewayRequestId'
    | 'customerCurrency'
    | 'customerAmount'
    | 'reasonCode'
    | 'reason'
    | 'expiresAt'
    | 'staffId'
    | 'dependsOn'
  >
>;

/**
 * What the gateway's report of a payment adds to the tender it settles:
 * its payment id, the wallet, and for a cross-border customer what their
 * wallet was charged in their own currency. One place, so every path that
 * approves a payment (pay answer, inquiry, offline match) records the same.
 */
export function paymentFacts(payment: Payment): TenderChange {
  return {
    gatewayPaymentId: payment.paymentId,
    ...(payment.wallet ? { wallet: payment.wallet } : {}),
    ...customerFields(payment.customerAmount),
  };
}

/** A gateway's customer-currency amount as journal fields (minor units), or none. */
export function customerFields(amount: Amount | undefined): { customerCurrency?: string; customerAmount?: number } {
  return amount ? { customerCurrency: amount.currency, customerAmount: Number(amount.value) } : {};
}

/** The first row of a tender: everything but `from`. */
export type NewTender = Omit<TenderStateBody, 'from'>;

/**
 * Writes tender state changes: one journal row each, compare-and-set on the
 * state the caller believes the tender is in, then tells listeners. A caller
 * that lost a race (the event stream approved the payment while an inquiry
 * was in flight) gets `undefined` and re-reads instead of overwriting.
 */
export class TenderBook {
  constructor(
    private readonly store: PaymentStore,
    private readonly events: PaymentEvents,
  ) {}

  /**
   * Journals a new tender in its first state, and with `then` its next state
   * in the same commit: a CPM request is `created` and `requested` with one
   * disk flush (each flush cost a checkout 1 to 8 ms on a loaded disk,
   * issue 12); nothing leaves the till between the two, so nothing can fall
   * between them either.
   */
  open(tender: NewTender, options: { sync?: boolean; then?: TenderState } = {}): TenderRow {
    const { then, ...writeOptions } = options;
    const rows: TenderStateBody[] = [{ ...tender, from: null }];
    if (then) {
      const { tenderId, saleId, method, currency, amount } = tender;
      rows.push({ tenderId, saleId, method, from: tender.to, to: then, currency, amount });
    }
    this.store.atomically(() => {
      for (const row of rows) this.store.writeInTransaction('tender.state', tender.tenderId, row, writeOptions);
    });
    for (const row of rows) this.announce(row);
    return this.store.tender(tender.tenderId)!;
  }

  /**
   * Moves a tender to `to` if it is in one of `expected` states; returns the
   * updated row, or undefined when it was not (someone else moved it first).
   */
  move(
    tenderId: string,
    expected: readonly TenderState[],
    to: TenderState,
    change: TenderChange = {},
    options: { sync?: boolean } = {},
  ): TenderRow | undefined {
    const body = this.store.atomically(() => this.moveInTransaction(tenderId, expected, to, change, options));
    if (!body) return undefined;
    this.announce(body);
    return this.store.tender(tenderId);
  }

  /**
   * `move` for a caller that commits more in the same transaction (must be
   * inside `store.atomically`): returns the row written, or undefined, and
   * tells no one; the caller calls `announce` with it once committed.
   */
  moveInTransaction(
    tenderId: string,
    expected: readonly TenderState[],
    to: TenderState,
    change: TenderChange = {},
    options: { sync?: boolean } = {},
  ): TenderStateBody | undefined {
    const current = this.store.tenderHead(tenderId);
    if (!current || !expected.includes(current.state)) return undefined;
    const row: TenderStateBody = {
      tenderId,
      saleId: current.saleId,
      method: current.method,
      from: current.state,
      to,
      currency: current.currency,
      amount: current.amount,
      ...definedOnly(change),
    };
    this.store.writeInTransaction('tender.state', tenderId, row, options);
    return row;
  }

  /** Tells listeners of a committed state change. */
  announce(body: TenderStateBody): void {
    this.events.emit('tender', {
      tenderId: body.tenderId,
      saleId: body.saleId,
      method: body.method,
      from: body.from,
      to: body.to,
      amount: body.amount,
      ...(body.reasonCode ? { reasonCode: body.reasonCode } : {}),
      ...(body.reason ? { reason: body.reason } : {}),
    });
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
