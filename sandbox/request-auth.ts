import { type KeyObject, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { ResultCode } from '../src/relay/result-codes.js';
import {
  SIGNATURE_HEADERS,
  SIGNATURE_WINDOW_MS,
  publicKeyFromBase64,
  publicKeyToBase64,
  timestampInWindow,
  verifySignature,
} from '../src/relay/signing.js';
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

/** What is checked: the request as received. */
export interface SignedRequest {
  method: string;
  pathWithQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/** Stands in for the key of a terminal that is not registered; nothing it "verifies" is accepted. */
const UNKNOWN_TERMINAL_KEY = createPublicKey(generateKeyPairSync('ed25519').privateKey);

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
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const terminalId = header(SIGNATURE_HEADERS.terminalId);
    const timestamp = header(SIGNATURE_HEADERS.timestamp);
    const nonce = header(SIGNATURE_HEADERS.nonce);
    const signature = header(SIGNATURE_HEADERS.signature);
    const missing = [
      [terminalId, 'X-Terminal-Id'],
      [timestamp, 'X-Timestamp'],
      [nonce, 'X-Nonce'],
      [signature, 'X-Signature'],
    ].find(([value]) => !value);
    if (missing || !terminalId || !timestamp || !nonce || !signature) {
      return {
        ok: false,
        code: 'SIGNATURE_INVALID',
        message: `missing ${missing?.[1] ?? 'signature'} header: every request must be signed`,
      };
    }
    // An unknown terminal gets the very answer a bad signature gets, after a
    // verify of the same cost, so an unsigned caller cannot learn which
    // terminal ids exist.
    const key = presentedKey ?? this.keyOf(terminalId) ?? UNKNOWN_TERMINAL_KEY;
    if (!/^[0-9a-f]{32}$/.test(nonce)) {
      return {
        ok: false,
        code: 'SIGNATURE_INVALID',
        message: 'X-Nonce must be 32 lower-case hex digits (128 random bits)',
      };
    }
    const parts = {
      method: request.method,
      pathWithQuery: request.pathWithQuery,
      terminalId,
      timestamp,
      nonce,
      body: request.body,
    };
    if (!verifySignature(key, parts, signature) || key === UNKNOWN_TERMINAL_KEY) {
      return {
        ok: false,
        code: 'SIGNATURE_INVALID',
        message:
          "signature does not verify over method, path, terminal id, timestamp, nonce and body digest with this terminal's registered key (or the terminal is not registered: run pos relay register)",
      };
    }
    const now = this.state.clock.now();
    if (!timestampInWindow(timestamp, now)) {
      return {
        ok: false,
        code: 'TIMESTAMP_OUT_OF_WINDOW',
        message: `X-Timestamp ${timestamp} is more than 5 minutes from the gateway's clock (${now}): check the till's clock`,
      };
    }
    const expiresAt = Math.max(now, Number(timestamp)) + SIGNATURE_WINDOW_MS;
    if (this.sql.useNonce.run(publicKeyToBase64(key), nonce, expiresAt).changes === 0) {
      return {
        ok: false,
        code: 'NONCE_REPLAYED',
        message: 'this nonce was already used: a replayed request is refused',
      };
    }
    if (++this.accepted % PURGE_EVERY === 0) this.sql.purge.run(now);
    return { ok: true, terminalId };
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
