import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { ANSWER_HEADERS, signAnswer, signEvent } from '../src/relay/answer-signing.js';
import { type KeyRotation, keyRotationSchema, signKeyRotation } from '../src/relay/gateway-key.js';
import { type JournalHead, signJournalHead } from '../src/relay/journal-head.js';
import type { Clock } from '../src/platform/clock.js';
import type { SandboxDatabase } from './database.js';

/**
 * The sandbox gateway's own Ed25519 key (docs/relay-protocol.md, "Answers and
 * events are signed"): generated on first start and kept in its SQLite file,
 * so a till that pinned it keeps believing the gateway across restarts.
 * `rotate()` replaces it and records the rotation message signed by the old
 * key, which GET /v1/gateway/keys serves.
 */
export class GatewayKeys {
  private key: KeyObject;

  constructor(
    private readonly db: SandboxDatabase,
    private readonly clock: Clock,
  ) {
    const row = db.prepare('SELECT private_pem FROM gateway_keys ORDER BY key_no DESC LIMIT 1').get() as
      | { private_pem: string }
      | undefined;
    this.key = row ? createPrivateKey(row.private_pem) : this.store(generateKeyPairSync('ed25519').privateKey);
  }

  /** The public key a till pins. */
  publicKey(): KeyObject {
    return createPublicKey(this.key);
  }

  /** Replaces the key; the rotation is signed by the key it replaces. */
  rotate(): KeyRotation {
    const next = generateKeyPairSync('ed25519').privateKey;
    const rotation = signKeyRotation(this.key, next, new Date(this.clock.now()));
    this.db
      .prepare('INSERT INTO gateway_key_rotations (rotation_json, at) VALUES (?, ?)')
      .run(JSON.stringify(rotation), this.clock.now());
    this.key = this.store(next);
    return rotation;
  }

  /** Every rotation, oldest first. */
  rotations(): KeyRotation[] {
    const rows = this.db
      .prepare('SELECT rotation_json FROM gateway_key_rotations ORDER BY rotation_no')
      .all() as Array<{ rotation_json: string }>;
    return rows.map((row) => keyRotationSchema.parse(JSON.parse(row.rotation_json)));
  }

  /** The signed acknowledgement that the gateway holds `head` for `terminalId` (src/relay/journal-head.ts). */
  signJournalHead(terminalId: string, head: { seq: number; hash: string }): JournalHead {
    return signJournalHead(this.key, terminalId, head, this.clock.now());
  }

  /** The SSE `signature:` field of event `id` with `data`, for `terminalId`. */
  signEvent(terminalId: string, event: { id: string; data: string }): string {
    return signEvent(this.key, terminalId, event, this.clock.now());
  }

  /**
   * Adds the three answer-signature headers to `res` for the answer `body`
   * with `status` to the request `req` (its method, path and X-Nonce).
   */
  signInto(
    res: ServerResponse,
    req: { method?: string; url?: string; headers: Record<string, string | string[] | undefined> },
    status: number,
    body: string,
  ): void {
    const nonce = req.headers['x-nonce'];
    const signed = signAnswer(
      this.key,
      {
        status: String(status),
        method: req.method ?? 'GET',
        pathWithQuery: req.url ?? '/',
        requestId: (Array.isArray(nonce) ? nonce[0] : nonce) ?? '',
        body,
      },
      this.clock.now(),
    );
    res.setHeader(ANSWER_HEADERS.timestamp, signed.timestamp);
    res.setHeader(ANSWER_HEADERS.signature, signed.signature);
    res.setHeader(ANSWER_HEADERS.keyId, signed.keyId);
  }

  private store(key: KeyObject): KeyObject {
    this.db
      .prepare('INSERT INTO gateway_keys (private_pem, created_at) VALUES (?, ?)')
      .run(key.export({ type: 'pkcs8', format: 'pem' }), this.clock.now());
    return key;
  }
}
