import type { Wallet } from '../src/relay/protocol.js';
import { kstDate } from '../src/platform/business-time.js';
import type { SandboxDatabase } from './database.js';
import type { PaymentRow } from './gateway-payments.js';
import { feeFor } from './wallets.js';

/** One movement of money in the sandbox's books. */
export interface LedgerEntry {
  entry_id: number;
  terminal_id: string;
  kind: 'CHARGE' | 'REVERSAL' | 'REFUND';
  payment_id: string;
  payment_request_id: string;
  refund_request_id: string | null;
  wallet: Wallet;
  amount: number;
  currency: string;
  customer_amount: number | null;
  customer_currency: string | null;
  /** Merchant fee (CHARGE) or fee given back (REVERSAL); refunds keep the fee. */
  fee: number;
  /** What the merchant receives: + for a charge, − for a reversal or refund. */
  net: number;
  at: number;
  business_date: string;
}

function prepareStatements(db: SandboxDatabase) {
  return {
    insert: db.prepare(
      `INSERT INTO ledger (terminal_id, kind, payment_id, payment_request_id, refund_request_id, wallet, amount, currency,
        customer_amount, customer_currency, fee, net, at, business_date)
       VALUES (@terminal_id, @kind, @payment_id, @payment_request_id, @refund_request_id, @wallet, @amount, @currency,
        @customer_amount, @customer_currency, @fee, @net, @at, @business_date)`,
    ),
    forDay: db.prepare(
      'SELECT * FROM ledger WHERE terminal_id = ? AND business_date = ? ORDER BY entry_id',
    ),
    forMerchantDay: db.prepare('SELECT * FROM ledger WHERE business_date = ? ORDER BY entry_id'),
    chargeOf: db.prepare("SELECT * FROM ledger WHERE payment_id = ? AND kind = 'CHARGE'"),
    all: db.prepare('SELECT * FROM ledger ORDER BY entry_id'),
    ofTerminal: db.prepare('SELECT * FROM ledger WHERE terminal_id = ? ORDER BY entry_id'),
  };
}

/**
 * The sandbox's money ledger: a charge when a payment succeeds, a reversal
 * when a paid payment is cancelled, a refund per refund. Settlement
 * statements and the admin ledger are read from here, never from payments.
 */
export class MoneyLedger {
  private readonly sql: ReturnType<typeof prepareStatements>;

  constructor(db: SandboxDatabase) {
    this.sql = prepareStatements(db);
  }

  /** Books the charge of a payment that just succeeded. */
  charge(payment: PaymentRow, at: number): void {
    const wallet = walletOf(payment);
    const fee = feeFor(wallet, payment.amount);
    this.insert(payment, { kind: 'CHARGE', fee, net: payment.amount - fee, at });
  }

  /** Books the reversal of a paid payment's charge (fee given back: cancelling is free). */
  reverse(payment: PaymentRow, at: number): void {
    const charge = this.sql.chargeOf.get(payment.payment_id) as LedgerEntry | undefined;
    if (!charge) throw new Error(`payment ${payment.payment_id} has no charge to reverse`);
    this.insert(payment, { kind: 'REVERSAL', fee: charge.fee, net: -charge.net, at });
  }

  /** Books a refund of `amount` KRW (`customerAmount` in the payer's currency). */
  refund(
    payment: PaymentRow,
    refundRequestId: string,
    amount: number,
    customerAmount: number | null,
    at: number,
  ): void {
    this.insert(payment, {
      kind: 'REFUND',
      fee: 0,
      net: -amount,
      at,
      amount,
      customerAmount,
      refundRequestId,
    });
  }

  forDay(terminalId: string, date: string): LedgerEntry[] {
    return this.sql.forDay.all(terminalId, date) as LedgerEntry[];
  }

  /** Every terminal's entries of one KST date (the merchant's statement). */
  forMerchantDay(date: string): LedgerEntry[] {
    return this.sql.forMerchantDay.all(date) as LedgerEntry[];
  }

  entries(terminalId?: string): LedgerEntry[] {
    return (
      terminalId === undefined ? this.sql.all.all() : this.sql.ofTerminal.all(terminalId)
    ) as LedgerEntry[];
  }

  private insert(
    payment: PaymentRow,
    entry: {
      kind: LedgerEntry['kind'];
      fee: number;
      net: number;
      at: number;
      amount?: number;
      customerAmount?: number | null;
      refundRequestId?: string;
    },
  ): void {
    this.sql.insert.run({
      terminal_id: payment.terminal_id,
      kind: entry.kind,
      payment_id: payment.payment_id,
      payment_request_id: payment.payment_request_id,
      refund_request_id: entry.refundRequestId ?? null,
      wallet: walletOf(payment),
      amount: entry.amount ?? payment.amount,
      currency: payment.currency,
      customer_amount:
        entry.customerAmount !== undefined ? entry.customerAmount : payment.customer_amount,
      customer_currency: payment.customer_currency,
      fee: entry.fee,
      net: entry.net,
      at: entry.at,
      business_date: kstDate(entry.at),
    });
  }
}

function walletOf(payment: PaymentRow): Wallet {
  if (!payment.wallet)
    throw new Error(`payment ${payment.payment_id} moved money without a wallet`);
  return payment.wallet;
}
