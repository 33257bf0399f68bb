import type { Wallet } from '../relay/protocol.js';
import type { PaymentsConfig } from './config.js';

/** How the till waits on one wallet's payment whose outcome is open (docs/payments.md, "Wallet timing"). */
export interface WalletTiming {
  /** Pause between inquiries while the outcome is unknown. */
  intervalMs: number;
  /** Pause between inquiries while the customer enters a password (WeChat `USERPAYING`, `PAYMENT_IN_PROCESS`). */
  passwordIntervalMs: number;
  /** After this long since the request the till stops inquiring and reverses (망취소). */
  deadlineMs: number;
  /**
   * No network cancellation before this long since the request, even when the
   * gateway has not seen the payment yet: a request still on its way may
   * arrive, and the wallet refuses an early reverse.
   */
  earliestReverseMs: number;
}

/** For wallets whose networks publish no timing of their own (Zero Pay's rules are not public). */
export const DEFAULT_TIMING: WalletTiming = {
  intervalMs: 3_000,
  passwordIntervalMs: 3_000,
  deadlineMs: 60_000,
  earliestReverseMs: 15_000,
};

/**
 * The per-wallet timing table, each figure from the wallet's own documents
 * (docs/relay-protocol.md "Wallet rules and their sources" cites them):
 * - WeChat Pay Quick Pay: query 5 s after a system error; on `USERPAYING`
 *   query every 10 s up to 30 s; reverse no earlier than 15 s after the
 *   order (QuickPay chapter3_3, Revoke Order); the POS guide advises a
 *   3-5 s query interval and WeChat revokes unpaid orders itself after 45 s.
 * - Alipay+: inquire (e.g. every 3 s for 60 s) before `cancelPayment`, which
 *   is sent only when the order stays unknown (../shared/REFERENCE.md).
 */
export const WALLET_TIMING: Readonly<Partial<Record<Wallet, Partial<WalletTiming>>>> = {
  'wechat-pay': { intervalMs: 5_000, passwordIntervalMs: 10_000, deadlineMs: 30_000, earliestReverseMs: 15_000 },
  alipay: { intervalMs: 3_000, passwordIntervalMs: 3_000, deadlineMs: 60_000, earliestReverseMs: 15_000 },
};

/**
 * The timing for a tender of `wallet` (unknown for an MPM order until paid):
 * the table's row, then the shop's `inquiry` settings, which override every
 * wallet (tests and slow links set them), then its per-wallet `wallets` row.
 */
export function timingFor(config: PaymentsConfig, wallet: string | null | undefined): WalletTiming {
  const known = wallet && wallet in WALLET_TIMING ? (wallet as Wallet) : undefined;
  return {
    ...DEFAULT_TIMING,
    ...(known ? WALLET_TIMING[known] : {}),
    ...definedOnly(config.inquiry),
    ...(known ? definedOnly(config.wallets?.[known] ?? {}) : {}),
  };
}

function definedOnly(fields: Partial<WalletTiming>): Partial<WalletTiming> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
