import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { signEvent, signStreamOpening } from '../src/relay/answer-signing.js';
import { answerSigner } from '../src/relay/http-answer.js';
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

  /** The `signature:` field of the opening frame of the stream requested with `nonce`. */
  signStreamOpening(nonce: string, data: string): string {
    return signStreamOpening(this.key, nonce, data, this.clock.now());
  }

  /** Signs every JSON answer with the current key (src/relay/http-answer.ts). */
  readonly signer = answerSigner(
    () => this.key,
    () => this.clock.now(),
  );

  private store(key: KeyObject): KeyObject {
    this.db
      .prepare('INSERT INTO gateway_keys (private_pem, created_at) VALUES (?, ?)')
      .run(key.export({ type: 'pkcs8', format: 'pem' }), this.clock.now());
    return key;
  }
}
