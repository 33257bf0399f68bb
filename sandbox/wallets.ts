import { classifyScan } from '../src/codes/index.js';
import { currency } from '../src/money/index.js';
import type { Wallet } from '../src/relay/protocol.js';
import type { ResultCode } from '../src/relay/result-codes.js';

/**
 * The simulated wallet networks behind the sandbox gateway. The merchant is
 * always paid in KRW; cross-border wallets charge their customer in the
 * customer's currency at the sandbox's rate (Alipay+ calls it payToAmount /
 * paymentAmount). Fee rates are sandbox figures, not any network's tariff.
 */
export interface SimulatedWallet {
  name: string;
  payerCurrency: string;
  /** Merchant fee in basis points of the KRW amount. */
  feeBasisPoints: number;
}

export const SIMULATED_WALLETS: Record<Wallet, SimulatedWallet> = {
  zeropay: { name: 'Zero Pay', payerCurrency: 'KRW', feeBasisPoints: 30 },
  'wechat-pay': { name: 'WeChat Pay', payerCurrency: 'CNY', feeBasisPoints: 200 },
  alipay: { name: 'Alipay+', payerCurrency: 'CNY', feeBasisPoints: 200 },
  unionpay: { name: 'UnionPay', payerCurrency: 'CNY', feeBasisPoints: 150 },
  other: { name: 'EMV consumer QR', payerCurrency: 'KRW', feeBasisPoints: 150 },
};

/** Units of the quote currency per 1 KRW, as decimal strings (never floats). */
export const DEFAULT_RATES: Readonly<Record<string, string>> = {
  CNY: '0.0051',
  HKD: '0.0056',
  USD: '0.00072',
  JPY: '0.108',
};

/**
 * Which network a scanned customer code belongs to, through src/codes'
 * detection table. Domestic formats are unpublished: a plausible code of
 * unknown format is a Zero Pay code in the sandbox. A merchant QR scanned by
 * mistake, a product barcode, or anything implausible, is PAYMENT_CODE_INVALID.
 */
export function walletOfCode(code: string): Wallet | undefined {
  let scan;
  try {
    scan = classifyScan(code);
  } catch {
    return undefined;
  }
  if (scan.format === 'emv-mpm' || scan.format === 'product-barcode') return undefined;
  if (scan.format === 'emv-cpm') return 'other';
  return scan.wallet === 'unknown' ? 'zeropay' : scan.wallet;
}

/** What a magic payment code makes the simulated wallet do. */
export type MagicOutcome =
  | { kind: 'decline'; code: ResultCode }
  /** Answer U now; resolve after the sandbox's pending delay (or never). */
  | {
      kind: 'pending';
      code: 'PAYMENT_IN_PROCESS' | 'REQUEST_TIMEOUT' | 'UNKNOWN_EXCEPTION';
      then: 'SUCCESS' | ResultCode | 'never';
    };

/** A magic suffix's behaviour and what it stands for (docs and the customer page show it). */
export interface MagicSuffix {
  outcome: MagicOutcome;
  meaning: string;
}

/**
 * Magic payment codes, chosen by their last four characters so that any
 * wallet's format can carry them (docs/relay-protocol.md lists them).
 * Every other code succeeds at once.
 */
export const MAGIC_SUFFIXES: Readonly<Record<string, MagicSuffix>> = {
  '0005': declines('USER_PAYMENT_DECLINED', 'the wallet declines'),
  '0051': declines('USER_BALANCE_NOT_ENOUGH', 'insufficient balance'),
  '0054': declines('PAYMENT_CODE_EXPIRED', 'the code has expired'),
  '0059': declines('RISK_REJECT', 'refused by risk control'),
  '0091': pends(
    'PAYMENT_IN_PROCESS',
    'SUCCESS',
    'the customer enters a password (USERPAYING), then it succeeds',
  ),
  '0092': pends(
    'PAYMENT_IN_PROCESS',
    'USER_PAYMENT_DECLINED',
    'the customer is asked for a password and gives up',
  ),
  '0068': pends('REQUEST_TIMEOUT', 'SUCCESS', 'the wallet network answers late, then it succeeds'),
  '0096': pends('UNKNOWN_EXCEPTION', 'never', 'the wallet never answers: only a cancel ends it'),
};

function declines(code: ResultCode, meaning: string): MagicSuffix {
  return { outcome: { kind: 'decline', code }, meaning };
}

function pends(
  code: Extract<MagicOutcome, { kind: 'pending' }>['code'],
  then: Extract<MagicOutcome, { kind: 'pending' }>['then'],
  meaning: string,
): MagicSuffix {
  return { outcome: { kind: 'pending', code, then }, meaning };
}

/** The magic behaviour of `code`, if its last four characters are magic. */
export function magicOutcome(code: string): MagicOutcome | undefined {
  return MAGIC_SUFFIXES[code.slice(-4)]?.outcome;
}

/**
 * `krw` converted to `quote` minor units at `rate` (quote per KRW, decimal
 * text), rounded half up, in integer arithmetic.
 */
export function convertFromKrw(krw: number, quote: string, rate: string): number {
  const [whole = '0', fraction = ''] = rate.split('.');
  const numerator = BigInt(whole + fraction);
  const denominator = 10n ** BigInt(fraction.length);
  const scaled = BigInt(krw) * numerator * 10n ** BigInt(currency(quote).minorDigits);
  return divideHalfUp(scaled, denominator);
}

/** The merchant fee in KRW for `amount` on `wallet`, rounded half up. */
export function feeFor(wallet: Wallet, amount: number): number {
  return mulDivRound(amount, SIMULATED_WALLETS[wallet].feeBasisPoints, 10_000);
}

/** a × b / c rounded half up, in integer arithmetic (money is never a float). */
export function mulDivRound(a: number, b: number, c: number): number {
  return divideHalfUp(BigInt(a) * BigInt(b), BigInt(c));
}

/** numerator / denominator rounded half up, for non-negative amounts. */
function divideHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((2n * numerator + denominator) / (2n * denominator));
}
