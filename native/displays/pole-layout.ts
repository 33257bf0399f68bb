import type { CustomerDisplayView } from '../../src/devices/customer-display.js';
import { currency } from '../../src/money/currency.js';
import type { Money } from '../../src/money/money.js';
import { toDisplayAscii } from './ascii-text.js';

/**
 * Amount in ASCII with the currency code and thousands separators:
 * 'KRW 15,000', 'CNY 12.50'. A pole display has no ₩ glyph.
 */
export function formatPoleAmount(amount: Money, withCurrency = true): string {
  const digits = currency(amount.currency).minorDigits;
  const abs = String(Math.abs(amount.minor)).padStart(digits + 1, '0');
  const whole = digits ? abs.slice(0, -digits) : abs;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const number = `${amount.minor < 0 ? '-' : ''}${grouped}${digits ? `.${abs.slice(-digits)}` : ''}`;
  return withCurrency ? `${amount.currency} ${number}` : number;
}

function center(text: string, width: number): string {
  const t = text.slice(0, width);
  return ' '.repeat(Math.floor((width - t.length) / 2)) + t;
}

/** `left` and `right` on one line, `left` shortened when they do not fit. */
function leftRight(left: string, right: string, width: number): string {
  const r = right.slice(0, width);
  const room = width - r.length - (left && r ? 1 : 0);
  const l = left.slice(0, Math.max(0, room));
  return l + ' '.repeat(width - l.length - r.length) + r;
}

const RESULT_LINES: Record<'approved' | 'declined' | 'cancelled', string> = {
  approved: 'PAYMENT APPROVED',
  declined: 'PAYMENT DECLINED',
  cancelled: 'PAYMENT CANCELLED',
};

/**
 * The two lines a pole display shows for a view, each exactly `columns` wide.
 * Labels are English whatever the view's language: the display's font has no
 * Hangul or Hanzi, and English is what Korean shops' pole displays show.
 */
export function layoutPoleDisplay(view: CustomerDisplayView, columns = 20): [string, string] {
  const pad = (line: string): string => line.slice(0, columns).padEnd(columns);
  switch (view.kind) {
    case 'idle': {
      const shop = view.shopName ? toDisplayAscii(view.shopName) : '';
      return shop
        ? [pad(center(shop, columns)), pad(center('WELCOME', columns))]
        : [pad(center('WELCOME', columns)), pad('')];
    }
    case 'sale': {
      // The line just rung up, then the running total.
      const last = view.items.at(-1);
      let first = '';
      if (last) {
        const amount = formatPoleAmount(last.amount, false);
        const quantity = last.quantity > 1 ? ` x${last.quantity}` : '';
        const room = Math.max(0, columns - amount.length - quantity.length - 1);
        first = leftRight(
          (toDisplayAscii(last.name) || 'ITEM').slice(0, room) + quantity,
          amount,
          columns,
        );
      }
      return [pad(first), pad(leftRight('TOTAL', formatPoleAmount(view.total), columns))];
    }
    case 'mpm':
      return [
        pad(center('SCAN QR TO PAY', columns)),
        pad(leftRight('TOTAL', formatPoleAmount(view.amount), columns)),
      ];
    case 'result': {
      const second =
        view.outcome === 'approved'
          ? 'THANK YOU'
          : view.outcome === 'declined'
            ? 'PLEASE TRY AGAIN'
            : view.reason === 'expired'
              ? 'QR CODE EXPIRED'
              : '';
      return [pad(center(RESULT_LINES[view.outcome], columns)), pad(center(second, columns))];
    }
  }
}
