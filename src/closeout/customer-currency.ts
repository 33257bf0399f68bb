import type { SettlementLine } from '../relay/protocol.js';
import type { CustomerMoney } from './customer-money.js';
import type { PosLine } from './day-figures.js';
import { keyOfLine, keyOfPos } from './reconciliation.js';
import type { CustomerCurrencyTotal } from './report-schema.js';

/**
 * What cross-border customers paid in their own currency (CNY for WeChat
 * Pay and Alipay+ users), per channel and currency, from the journal: each
 * payment counts what the gateway said the customer's wallet was charged,
 * each void and refund what went back. A line the journal has no amount for
 * (the gateway's answer did not say, or an offline QR confirmed on a later
 * day) takes its statement line's amount when the statement was fetched, so
 * an offline Z still shows the totals and an online one loses nothing.
 * Amounts in the report's own currency are not customer currencies.
 */
export function customerCurrencyTotals(
  posLines: readonly PosLine[],
  statement: readonly SettlementLine[] | undefined,
  reportCurrency: string,
): CustomerCurrencyTotal[] {
  const byKey = new Map((statement ?? []).map((line) => [keyOfLine(line), line]));
  const totals = new Map<string, CustomerCurrencyTotal>();
  for (const pos of posLines) {
    const customer = pos.customer ?? fromStatement(byKey.get(keyOfPos(pos)));
    if (!customer || customer.currency === reportCurrency) continue;
    const key = `${pos.channel}:${customer.currency}`;
    const total = totals.get(key) ?? { channel: pos.channel, currency: customer.currency, lines: 0, amount: 0 };
    total.lines += 1;
    total.amount += (pos.type === 'PAYMENT' ? 1 : -1) * customer.amount;
    totals.set(key, total);
  }
  return [...totals.values()];
}

function fromStatement(line: SettlementLine | undefined): CustomerMoney | undefined {
  return line?.customerAmount && { currency: line.customerAmount.currency, amount: Number(line.customerAmount.value) };
}
