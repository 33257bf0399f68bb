import type { KeyObject } from 'node:crypto';
import { NONCE_REPLAYED, type SignedRequest, checkSignedRequest, claimedTerminalId } from '../src/relay/request-check.js';
import type { ResultCode } from '../src/relay/result-codes.js';
import { publicKeyFromBase64, publicKeyToBase64 } from '../src/relay/signing.js';
import type { SandboxState } from './sandbox-state.js';

/** The outcome of checking a request's signature headers. */
export type AuthOutcome =
  | { ok: true; terminalId: string }
  | {
      ok: false;
      code: Extract<
        ResultCode,
        | 'SIGNATURE_INVALID'
        | 'TIMESTAMP_OUT_OF_WINDOW'
        | 'NONCE_REPLAYED'
      >;
      message: string;
    };

/** Expired nonces are purged every this many accepted requests. */
const PURGE_EVERY = 256;

/**
 * Registered terminals and the request check of docs/relay-protocol.md
 * ("Signing"). The signature is checked before the timestamp and the nonce,
 * so an unsigned request can neither probe the clock nor fill the nonce
 * table; a nonce is remembered until its timestamp leaves the window, in
 * SQLite, so a replay is refused even after a sandbox restart.
 */
export class RequestAuthenticator {
  private readonly keys = new Map<string, KeyObject>();
  private readonly sql;
  private accepted = 0;

  constructor(private readonly state: SandboxState) {
    const { db } = state;
    this.sql = {
      upsert: db.prepare(
        `INSERT INTO terminals (terminal_id, public_key, registered_at) VALUES (?, ?, ?)
         ON CONFLICT (terminal_id) DO UPDATE SET public_key = excluded.public_key, registered_at = excluded.registered_at`,
      ),
      key: db.prepare('SELECT public_key FROM terminals WHERE terminal_id = ?'),
      useNonce: db.prepare(
        'INSERT OR IGNORE INTO key_nonces (key_id, nonce, expires_at) VALUES (?, ?, ?)',
      ),
      purge: db.prepare('DELETE FROM key_nonces WHERE expires_at < ?'),
    };
  }

  /** Registers (or re-keys) a terminal; `publicKey` is base64 SPKI DER Ed25519. */
  registerTerminal(terminalId: string, publicKey: string): void {
    const key = publicKeyFromBase64(publicKey);
    this.sql.upsert.run(terminalId, publicKey, this.state.clock.now());
    this.keys.set(terminalId, key);
  }

  /** True when `terminalId` has a registered key. */
  isRegistered(terminalId: string): boolean {
    return this.keyOf(terminalId) !== undefined;
  }

  /**
   * Checks the four signature headers of `request`. `presentedKey` is the
   * key a registration request carries (it signs with the key it registers).
   * Consumes the nonce: call inside the transaction of the operation.
   */
  authenticate(request: SignedRequest, presentedKey?: KeyObject): AuthOutcome {
    const terminalId = claimedTerminalId(request);
    const key = presentedKey ?? (terminalId ? this.keyOf(terminalId) : undefined);
    const check = checkSignedRequest(request, key, this.state.clock.now(), {
      receiver: 'the gateway',
      registerHint: 'run pos relay register',
    });
    if (!check.ok) return check;
    if (this.sql.useNonce.run(publicKeyToBase64(key!), check.nonce, check.nonceExpiresAt).changes === 0) return NONCE_REPLAYED;
    if (++this.accepted % PURGE_EVERY === 0) this.sql.purge.run(this.state.clock.now());
    return { ok: true, terminalId: check.terminalId };
  }

  /** The registered key of `terminalId`, if any. */
  registeredKey(terminalId: string): KeyObject | undefined {
    return this.keyOf(terminalId);
  }

  private keyOf(terminalId: string): KeyObject | undefined {
    let key = this.keys.get(terminalId);
    if (!key) {
      const row = this.sql.key.get(terminalId) as { public_key: string } | undefined;
      if (!row) return undefined;
      key = publicKeyFromBase64(row.public_key);
      this.keys.set(terminalId, key);
    }
    return key;
  }
}
