import type {
  ExchangeRatesResponse,
  MerchantSettlementResponse,
  SettlementLine,
  SettlementResponse,
} from '../src/relay/protocol.js';
import { resultOf } from '../src/relay/result-codes.js';
import { kstDate } from '../src/platform/business-time.js';
import { iso } from './business-time.js';
import type { LedgerEntry } from './money-ledger.js';
import type { SandboxState } from './sandbox-state.js';
import { customerAmountOf, protocolAmount } from './amounts.js';

const LINE_TYPE = { CHARGE: 'PAYMENT', REVERSAL: 'CANCEL', REFUND: 'REFUND' } as const;

/**
 * Settlement statements and exchange rates. A statement lists a terminal's
 * ledger entries of one KST business date: PAYMENT lines (amount, fee, net),
 * CANCEL lines for paid payments cancelled that day (fee given back, net
 * negative) and REFUND lines (fee kept, net negative). Today's statement is
 * provisional until 00:15 KST tomorrow, when the last cancel window closes;
 * a future date is SETTLEMENT_NOT_READY.
 */
export class SettlementService {
  constructor(private readonly state: SandboxState) {}

  statement(terminalId: string, date: string): SettlementResponse {
    if (date > kstDate(this.state.clock.now())) {
      return { result: resultOf('SETTLEMENT_NOT_READY', `${date} has not begun in Korea yet`) };
    }
    const lines = this.state.ledger.forDay(terminalId, date).map(toLine);
    return {
      result: resultOf('SUCCESS', `${lines.length} line(s)`),
      statement: { businessDate: date, terminalId, lines },
    };
  }

  /**
   * The merchant's statement of a KST date: every terminal's lines, each
   * naming its terminal (WeChat Pay's statement is per merchant number with
   * the device on each line; Alipay+'s settlement files are per merchant id).
   * The sandbox has one merchant, so every registered terminal may read it.
   */
  merchantStatement(merchantId: string, date: string): MerchantSettlementResponse {
    if (date > kstDate(this.state.clock.now())) {
      return { result: resultOf('SETTLEMENT_NOT_READY', `${date} has not begun in Korea yet`) };
    }
    const lines = this.state.ledger.forMerchantDay(date).map((entry) => ({ ...toLine(entry), terminalId: entry.terminal_id }));
    return {
      result: resultOf('SUCCESS', `${lines.length} line(s)`),
      statement: { merchantId, businessDate: date, lines },
    };
  }

  exchangeRates(): ExchangeRatesResponse {
    const { rates, ratesAt } = this.state.settings;
    return {
      result: resultOf('SUCCESS', 'sandbox rates'),
      rates: Object.entries(rates).map(([quote, rate]) => ({
        base: 'KRW' as const,
        quote,
        rate,
        at: iso(ratesAt),
      })),
    };
  }
}

function toLine(entry: LedgerEntry): SettlementLine {
  const line: SettlementLine = {
    type: LINE_TYPE[entry.kind],
    paymentId: entry.payment_id,
    paymentRequestId: entry.payment_request_id,
    wallet: entry.wallet,
    amount: protocolAmount(entry.currency, entry.amount),
    fee: protocolAmount(entry.currency, entry.fee),
    net: protocolAmount(entry.currency, entry.net),
    at: iso(entry.at),
  };
  if (entry.refund_request_id) line.refundRequestId = entry.refund_request_id;
  const customer = customerAmountOf(entry.customer_amount, entry.customer_currency);
  if (customer) line.customerAmount = customer;
  return line;
}
