import { createHash, randomInt } from 'node:crypto';
import type { Wallet } from '../src/relay/protocol.js';
import type { SandboxDatabase } from './database.js';

/** What a presented code is worth: never seen, used by an earlier pay, or issued and past its life. */
export type CodeUse = 'fresh' | 'used' | 'expired';

/** Wallets whose customer codes the simulator issues (an EMV consumer QR is not a short code). */
export type IssuingWallet = Exclude<Wallet, 'other'>;

/** The leading digits the sandbox gives the codes it issues, in each wallet's format (src/codes). */
const ISSUED_FORMATS: Readonly<Record<IssuingWallet, { prefix: string; length: number }>> = {
  'wechat-pay': { prefix: '13', length: 18 },
  alipay: { prefix: '28', length: 24 },
  unionpay: { prefix: '62', length: 19 },
  zeropay: { prefix: 'ZP', length: 20 },
};

function prepareStatements(db: SandboxDatabase) {
  return {
    get: db.prepare('SELECT expires_at, consumed_at FROM payment_codes WHERE code_digest = ?'),
    issue: db.prepare('INSERT INTO payment_codes (code_digest, issued_at, expires_at) VALUES (?, ?, ?)'),
    consume: db.prepare(
      `INSERT INTO payment_codes (code_digest, consumed_at, consumed_by) VALUES (@digest, @at, @by)
       ON CONFLICT (code_digest) DO UPDATE SET consumed_at = @at, consumed_by = @by WHERE consumed_at IS NULL`,
    ),
  };
}

/**
 * The customers' payment codes as the wallets treat them: single-use and
 * short-lived. WeChat Pay's and Alipay+'s codes are one-time codes the wallet
 * refreshes every minute (a reused or old one is `AUTHCODEEXPIRE` /
 * `PAYMENT_CODE_EXPIRED`); Zero Pay's customer codes live 3 minutes
 * (../shared/REFERENCE.md). Only a digest of each code is kept.
 */
export class PaymentCodes {
  private readonly sql: ReturnType<typeof prepareStatements>;

  constructor(db: SandboxDatabase) {
    this.sql = prepareStatements(db);
  }

  /**
   * Consumes `code` for the pay `requestId` (in the caller's transaction) and
   * says what it was worth before: a code is spent by its first pay whatever
   * that pay's result, and one the simulator issued expires at its time.
   */
  consume(code: string, requestId: string, now: number): CodeUse {
    const digest = digestOf(code);
    const row = this.sql.get.get(digest) as { expires_at: number | null; consumed_at: number | null } | undefined;
    if (row?.consumed_at != null) return 'used';
    this.sql.consume.run({ digest, at: now, by: requestId });
    return row?.expires_at != null && row.expires_at <= now ? 'expired' : 'fresh';
  }

  /** A new code of `wallet` the simulated customer shows, ending in `suffix` (a magic behaviour), valid `validMs`. */
  issue(wallet: IssuingWallet, suffix: string, now: number, validMs: number): { code: string; expiresAt: number } {
    const { prefix, length } = ISSUED_FORMATS[wallet];
    const digits = length - prefix.length - suffix.length;
    for (;;) {
      const middle = Array.from({ length: digits }, () => String(randomInt(10))).join('');
      const code = `${prefix}${middle}${suffix}`;
      const digest = digestOf(code);
      if (this.sql.get.get(digest)) continue;
      this.sql.issue.run(digest, now, now + validMs);
      return { code, expiresAt: now + validMs };
    }
  }
}

function digestOf(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
