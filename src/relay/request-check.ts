import { type KeyObject, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { SIGNATURE_HEADERS, SIGNATURE_WINDOW_MS, timestampInWindow, verifySignature } from './signing.js';

/** A signed request as received, before anything in it is believed. */
export interface SignedRequest {
  method: string;
  pathWithQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/**
 * The outcome of checking a request's signature headers. When it verifies,
 * the nonce is still to be consumed (`nonceExpiresAt`: when it may be
 * forgotten), by the receiver's own store and inside the transaction of the
 * operation, so a replay is refused by the same commit that acts.
 */
export type RequestCheck =
  | { ok: true; terminalId: string; nonce: string; nonceExpiresAt: number }
  | { ok: false; code: 'SIGNATURE_INVALID' | 'TIMESTAMP_OUT_OF_WINDOW'; message: string };

/** How the receiver names itself and tells an unregistered sender what to do, in refusals. */
export interface RequestCheckWording {
  /** "the gateway", "the store server". */
  receiver: string;
  /** What an unregistered terminal should run or do. */
  registerHint: string;
}

/** Stands in for the key of a terminal that is not registered; nothing it "verifies" is accepted. */
const UNKNOWN_TERMINAL_KEY = createPublicKey(generateKeyPairSync('ed25519').privateKey);

/**
 * Checks the four signature headers of `request` (docs/relay-protocol.md,
 * "Signing"), shared by the sandbox gateway and the store server. The
 * signature is checked before the timestamp and the nonce, so an unsigned
 * request can neither probe the clock nor fill a nonce table, and an unknown
 * terminal gets the very answer a bad signature gets, after a verify of the
 * same cost, so a caller cannot learn which terminal ids exist.
 * `key` is the presented key (a registration signs with the key it
 * registers) or the registered key of `claimedTerminalId(request)`,
 * undefined when it has none.
 */
export function checkSignedRequest(
  request: SignedRequest,
  key: KeyObject | undefined,
  now: number,
  wording: RequestCheckWording,
): RequestCheck {
  const header = (name: string) => headerOf(request, name);
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
    return { ok: false, code: 'SIGNATURE_INVALID', message: `missing ${missing?.[1] ?? 'signature'} header: every request must be signed` };
  }
  if (!/^[0-9a-f]{32}$/.test(nonce)) {
    return { ok: false, code: 'SIGNATURE_INVALID', message: 'X-Nonce must be 32 lower-case hex digits (128 random bits)' };
  }
  const verifier = key ?? UNKNOWN_TERMINAL_KEY;
  const parts = { method: request.method, pathWithQuery: request.pathWithQuery, terminalId, timestamp, nonce, body: request.body };
  if (!verifySignature(verifier, parts, signature) || verifier === UNKNOWN_TERMINAL_KEY) {
    return {
      ok: false,
      code: 'SIGNATURE_INVALID',
      message: `signature does not verify over method, path, terminal id, timestamp, nonce and body digest with this terminal's registered key (or the terminal is not registered: ${wording.registerHint})`,
    };
  }
  if (!timestampInWindow(timestamp, now)) {
    return {
      ok: false,
      code: 'TIMESTAMP_OUT_OF_WINDOW',
      message: `X-Timestamp ${timestamp} is more than 5 minutes from ${wording.receiver}'s clock (${now}): check the till's clock`,
    };
  }
  return { ok: true, terminalId, nonce, nonceExpiresAt: Math.max(now, Number(timestamp)) + SIGNATURE_WINDOW_MS };
}

/** The refusal of a nonce already consumed. */
export const NONCE_REPLAYED = { ok: false, code: 'NONCE_REPLAYED', message: 'this nonce was already used: a replayed request is refused' } as const;

/** The terminal id a request claims to come from (X-Terminal-Id), not yet believed: which registered key to verify with. */
export function claimedTerminalId(request: SignedRequest): string | undefined {
  return headerOf(request, SIGNATURE_HEADERS.terminalId);
}

function headerOf(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
