import { type KeyObject, createHash } from 'node:crypto';
import type { Clock } from '../src/platform/clock.js';
import {
  SIGNATURE_HEADERS,
  SIGNATURE_WINDOW_MS,
  publicKeyFromBase64,
  publicKeyToBase64,
  timestampInWindow,
  verifySignature,
} from '../src/relay/signing.js';
import type { StoreDatabase } from './db/database.js';

/** A request as received, before anything in it is believed. */
export interface IncomingRequest {
  method: string;
  pathWithQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/** Who sent a request that verified. */
export interface TillIdentity {
  tillId: string;
  storeId: string;
}

/** The outcome of checking a request's signature headers. */
export type TillAuthOutcome =
  | { ok: true; tillId: string }
  | { ok: false; code: 'SIGNATURE_INVALID' | 'TIMESTAMP_OUT_OF_WINDOW' | 'NONCE_REPLAYED'; message: string };

/** Expired nonces are purged every this many accepted requests. */
const PURGE_EVERY = 512;

/** sha256 hex of an enrollment code: the server keeps no code in clear. */
export function enrollmentDigest(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/**
 * Checks that a request is signed by a registered till, with the relay
 * protocol's signature (src/relay/signing.ts: method, path, terminal id,
 * timestamp, nonce, body digest), within the time window and with a nonce
 * never seen before. The nonce is consumed in the database, so a replay is
 * refused by any server process sharing it and after a restart.
 */
export class TillAuthenticator {
  private readonly keys = new Map<string, { key: KeyObject; storeId: string }>();
  private accepted = 0;

  constructor(
    private readonly db: StoreDatabase,
    private readonly clock: Clock,
  ) {}

  /**
   * Verifies `request`. `presentedKey` is the key a registration carries (it
   * is signed by the key it registers); otherwise the till's registered key.
   */
  async authenticate(request: IncomingRequest, presentedKey?: KeyObject): Promise<TillAuthOutcome> {
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const tillId = header(SIGNATURE_HEADERS.terminalId);
    const timestamp = header(SIGNATURE_HEADERS.timestamp);
    const nonce = header(SIGNATURE_HEADERS.nonce);
    const signature = header(SIGNATURE_HEADERS.signature);
    if (!tillId || !timestamp || !nonce || !signature) {
      return { ok: false, code: 'SIGNATURE_INVALID', message: 'every request must carry X-Terminal-Id, X-Timestamp, X-Nonce and X-Signature' };
    }
    if (!/^[0-9a-f]{32}$/.test(nonce)) {
      return { ok: false, code: 'SIGNATURE_INVALID', message: 'X-Nonce must be 32 lower-case hex digits' };
    }
    const key = presentedKey ?? (await this.registered(tillId))?.key;
    const parts = { method: request.method, pathWithQuery: request.pathWithQuery, terminalId: tillId, timestamp, nonce, body: request.body };
    if (!key || !verifySignature(key, parts, signature)) {
      return {
        ok: false,
        code: 'SIGNATURE_INVALID',
        message: "signature does not verify with this till's registered key (or the till is not registered: enroll it with the store's enrollment code)",
      };
    }
    const now = this.clock.now();
    if (!timestampInWindow(timestamp, now)) {
      return { ok: false, code: 'TIMESTAMP_OUT_OF_WINDOW', message: `X-Timestamp ${timestamp} is more than 5 minutes from the server's clock (${now})` };
    }
    const expiresAt = Math.max(now, Number(timestamp)) + SIGNATURE_WINDOW_MS;
    const used = await this.db.query(
      'INSERT INTO request_nonces (till_id, nonce, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [tillId, nonce, expiresAt],
    );
    if (used.rowCount === 0) return { ok: false, code: 'NONCE_REPLAYED', message: 'this nonce was already used: a replayed request is refused' };
    if (++this.accepted % PURGE_EVERY === 0) await this.db.query('DELETE FROM request_nonces WHERE expires_at < $1', [now]);
    return { ok: true, tillId };
  }

  /** The store a registered till belongs to. */
  async identity(tillId: string): Promise<TillIdentity | undefined> {
    const found = await this.registered(tillId);
    return found && { tillId, storeId: found.storeId };
  }

  /**
   * Registers a till's key in the store whose enrollment code it presents.
   * A till id already registered keeps its key: the same key registers again
   * (a retry), another key is refused, so one leaked shop code cannot take
   * over a working till.
   */
  async enroll(tillId: string, publicKey: string, enrollmentCode: string): Promise<{ ok: true; storeId: string } | { ok: false; code: string; message: string }> {
    const stores = await this.db.query<{ store_id: string }>('SELECT store_id FROM stores WHERE enrollment_code_sha256 = $1', [
      enrollmentDigest(enrollmentCode),
    ]);
    const storeId = stores.rows[0]?.store_id;
    if (!storeId) return { ok: false, code: 'ENROLLMENT_CODE_INVALID', message: 'no store has this enrollment code' };
    const normalized = publicKeyToBase64(publicKeyFromBase64(publicKey));
    await this.db.query(
      `INSERT INTO tills (till_id, store_id, public_key, registered_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (till_id) DO NOTHING`,
      [tillId, storeId, normalized, this.clock.now()],
    );
    const row = (
      await this.db.query<{ store_id: string; public_key: string }>('SELECT store_id, public_key FROM tills WHERE till_id = $1', [tillId])
    ).rows[0];
    if (!row || row.public_key !== normalized || row.store_id !== storeId) {
      return { ok: false, code: 'TILL_ALREADY_ENROLLED', message: `till ${tillId} is enrolled with another key or store` };
    }
    return { ok: true, storeId };
  }

  private async registered(tillId: string): Promise<{ key: KeyObject; storeId: string } | undefined> {
    let found = this.keys.get(tillId);
    if (!found) {
      const row = (
        await this.db.query<{ public_key: string; store_id: string }>('SELECT public_key, store_id FROM tills WHERE till_id = $1', [tillId])
      ).rows[0];
      if (!row) return undefined;
      found = { key: publicKeyFromBase64(row.public_key), storeId: row.store_id };
      this.keys.set(tillId, found);
    }
    return found;
  }
}
