import { type KeyObject, createHash } from 'node:crypto';
import type { Clock } from '../src/platform/clock.js';
import { NONCE_REPLAYED, type SignedRequest, checkSignedRequest, claimedTerminalId } from '../src/relay/request-check.js';
import { publicKeyFromBase64, publicKeyToBase64 } from '../src/relay/signing.js';
import type { Queryable, StoreDatabase } from './db/database.js';

/** A request as received, before anything in it is believed. */
export type IncomingRequest = SignedRequest;

/** Who sent a request that verified. */
export interface TillIdentity {
  tillId: string;
  storeId: string;
}

/** The outcome of checking a request's signature headers; the nonce is consumed by `consumeNonce`. */
export type TillAuthOutcome =
  | { ok: true; tillId: string; nonce: RequestNonce }
  | { ok: false; code: 'SIGNATURE_INVALID' | 'TIMESTAMP_OUT_OF_WINDOW' | 'NONCE_REPLAYED'; message: string };

/** A verified request's nonce, still to be consumed (request_nonces) in the operation's transaction. */
export interface RequestNonce {
  tillId: string;
  nonce: string;
  expiresAt: number;
}

/** Expired nonces are purged every this many accepted requests. */
const PURGE_EVERY = 512;

/** sha256 hex of an enrollment code: the server keeps no code in clear. */
export function enrollmentDigest(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/**
 * Checks that a request is signed by a registered till, with the relay
 * protocol's signature and checks (src/relay/request-check.ts, shared with
 * the sandbox gateway), within the time window and with a nonce never seen
 * before. The nonce is consumed in the database, so a replay is refused by
 * any server process sharing it and after a restart; the journal upload
 * consumes it in the very statement that stores the batch (one commit).
 */
export class TillAuthenticator {
  private readonly keys = new Map<string, { key: KeyObject; storeId: string }>();
  private accepted = 0;

  constructor(
    private readonly db: StoreDatabase,
    private readonly clock: Clock,
  ) {}

  /**
   * Verifies `request` without consuming its nonce. `presentedKey` is the key
   * a registration carries (it is signed by the key it registers); otherwise
   * the till's registered key.
   */
  async verify(request: IncomingRequest, presentedKey?: KeyObject): Promise<TillAuthOutcome> {
    const claimed = claimedTerminalId(request);
    const key = presentedKey ?? (claimed ? (await this.registered(claimed))?.key : undefined);
    const check = checkSignedRequest(request, key, this.clock.now(), {
      receiver: 'the store server',
      registerHint: "enroll it with the store's enrollment code",
    });
    if (!check.ok) return check;
    return { ok: true, tillId: check.terminalId, nonce: { tillId: check.terminalId, nonce: check.nonce, expiresAt: check.nonceExpiresAt } };
  }

  /** Verifies `request` and consumes its nonce (a query of its own). */
  async authenticate(request: IncomingRequest, presentedKey?: KeyObject): Promise<TillAuthOutcome> {
    const outcome = await this.verify(request, presentedKey);
    if (!outcome.ok) return outcome;
    return (await this.consumeNonce(this.db, outcome.nonce)) ? outcome : NONCE_REPLAYED;
  }

  /** Consumes a verified request's nonce through `q` (the operation's transaction); false when it was used before. */
  async consumeNonce(q: Queryable, nonce: RequestNonce): Promise<boolean> {
    const used = await q.query('INSERT INTO request_nonces (till_id, nonce, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      nonce.tillId,
      nonce.nonce,
      nonce.expiresAt,
    ]);
    if (used.rowCount === 0) return false;
    await this.nonceUsed();
    return true;
  }

  /** Counts a nonce consumed elsewhere (the journal upload's statement); purges expired ones now and then. */
  async nonceUsed(): Promise<void> {
    if (++this.accepted % PURGE_EVERY === 0) await this.db.query('DELETE FROM request_nonces WHERE expires_at < $1', [this.clock.now()]);
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
