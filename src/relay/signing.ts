import {
  type KeyObject,
  createHash,
  createPublicKey,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';

/**
 * Request signing of the relay protocol (docs/relay-protocol.md, "Signing"),
 * shared by the client and the sandbox gateway so both sides build the same
 * string. Ed25519 over
 *
 *   METHOD \n path-with-query \n terminal-id \n timestamp-ms \n nonce \n sha256-hex(body)
 *
 * The body digest binds the amounts and idempotency keys to the signature;
 * the timestamp and nonce let the gateway refuse stale and replayed requests.
 * Alipay+ signs `POST <uri>\n<Client-Id>.<Request-Time>.<body>` with RSA; we
 * add a nonce because a till on a flaky network retries the same body.
 */

export const SIGNATURE_HEADERS = {
  terminalId: 'x-terminal-id',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  signature: 'x-signature',
} as const;

/** How far a request's timestamp may be from the gateway's clock, either way. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/** The four headers a signed request carries. */
export interface SignedHeaders {
  'X-Terminal-Id': string;
  'X-Timestamp': string;
  'X-Nonce': string;
  'X-Signature': string;
}

/**
 * What a signature covers. `body` is the exact bytes sent ('' for GET). The
 * terminal id is inside the signed string, so a signature made for one
 * terminal cannot be presented under another's X-Terminal-Id.
 */
export interface SignedParts {
  method: string;
  pathWithQuery: string;
  terminalId: string;
  timestamp: string;
  nonce: string;
  body: string | Uint8Array;
}

/** Lower-case hex SHA-256 of the body bytes. */
export function sha256Hex(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/** The exact string that is signed. */
export function stringToSign(parts: SignedParts): string {
  return [
    parts.method.toUpperCase(),
    parts.pathWithQuery,
    parts.terminalId,
    parts.timestamp,
    parts.nonce,
    sha256Hex(parts.body),
  ].join('\n');
}

/**
 * What a registered terminal's *current* key signs to move to a new key
 * (docs/relay-protocol.md, "Registration"): the terminal id, the new key and
 * the request's nonce, so the proof cannot be replayed or moved to another
 * terminal.
 */
export function rekeyStringToSign(terminalId: string, newPublicKey: string, nonce: string): string {
  return ['REKEY', terminalId, newPublicKey, nonce].join('\n');
}

/** A fresh 128-bit nonce as 32 hex digits. */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Signs a request for `terminalId` with its Ed25519 private key and returns
 * the headers to send. `now` is the caller's clock (ms since the epoch).
 */
export function signRequest(
  privateKey: KeyObject,
  terminalId: string,
  request: { method: string; pathWithQuery: string; body: string | Uint8Array },
  now: number,
  nonce: string = newNonce(),
): SignedHeaders {
  const timestamp = String(Math.trunc(now));
  const signature = sign(
    null,
    Buffer.from(stringToSign({ ...request, terminalId, timestamp, nonce })),
    privateKey,
  );
  return {
    'X-Terminal-Id': terminalId,
    'X-Timestamp': timestamp,
    'X-Nonce': nonce,
    'X-Signature': signature.toString('base64'),
  };
}

/** True when `signatureBase64` is `publicKey`'s Ed25519 signature of `parts`. */
export function verifySignature(
  publicKey: KeyObject,
  parts: SignedParts,
  signatureBase64: string,
): boolean {
  const signature = Buffer.from(signatureBase64, 'base64');
  // Ed25519 signatures are 64 bytes; anything else is not worth a verify call.
  if (signature.length !== 64) return false;
  try {
    return verify(null, Buffer.from(stringToSign(parts)), publicKey, signature);
  } catch {
    return false;
  }
}

/** True when `timestamp` (ms text) lies within ±SIGNATURE_WINDOW_MS of `now`. */
export function timestampInWindow(
  timestamp: string,
  now: number,
  windowMs = SIGNATURE_WINDOW_MS,
): boolean {
  if (!/^\d{1,16}$/.test(timestamp)) return false;
  return Math.abs(Number(timestamp) - now) <= windowMs;
}

/** Exported public keys by key object: every signed request and answer names its key, and exporting cost each checkout tens of microseconds. */
const exportedKeys = new WeakMap<KeyObject, string>();

/** The public key as the protocol carries it: SPKI DER, base64. */
export function publicKeyToBase64(key: KeyObject): string {
  let text = exportedKeys.get(key);
  if (text === undefined) {
    const publicKey = key.type === 'private' ? createPublicKey(key) : key;
    text = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    exportedKeys.set(key, text);
  }
  return text;
}

/** Reads a base64 SPKI DER Ed25519 public key; throws if it is not one. */
export function publicKeyFromBase64(text: string): KeyObject {
  const key = createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'unknown'}`);
  return key;
}
