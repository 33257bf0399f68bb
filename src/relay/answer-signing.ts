import { type KeyObject, createHash, sign, verify } from 'node:crypto';
import { EVENTS_PATH } from './operations.js';
import { publicKeyToBase64, sha256Hex, timestampInWindow } from './signing.js';

/**
 * Answer and event signing of the relay protocol (docs/relay-protocol.md,
 * "Answers and events are signed"). The gateway signs every answer and every
 * event with its own Ed25519 key, which the till pins at registration. The
 * signed string binds the answer to the request it answers (the request's
 * nonce), so a recorded answer cannot be replayed to another request, and
 * the status to the body, so a 401 cannot be turned into a 200:
 *
 *   STATUS \n METHOD \n path-with-query \n request-id \n timestamp-ms \n sha256-hex(body)
 *
 * For an event STATUS is `event`, METHOD `GET`, the path /v1/events and the
 * request id `<terminal id>/<event id>`. The stream's opening frame (below)
 * has STATUS `opened` and the request id of the GET that opened it (its
 * nonce), so it proves this very connection. A fake gateway without the private
 * key can answer, but the till reads what it says as *unknown*, never as an
 * approval.
 */

export const ANSWER_HEADERS = {
  timestamp: 'x-gateway-timestamp',
  signature: 'x-gateway-signature',
  keyId: 'x-gateway-key-id',
} as const;

/** What an answer signature covers. `body` is the exact bytes sent. */
export interface AnswerParts {
  status: string;
  method: string;
  pathWithQuery: string;
  requestId: string;
  timestamp: string;
  body: string | Uint8Array;
}

/** The exact string the gateway signs. */
export function answerStringToSign(parts: AnswerParts): string {
  return [
    parts.status,
    parts.method.toUpperCase(),
    parts.pathWithQuery,
    parts.requestId,
    parts.timestamp,
    sha256Hex(parts.body),
  ].join('\n');
}

const keyIds = new WeakMap<KeyObject, string>();

/** A key's short name, sent with every answer so the till notices a rotation: 16 hex digits of the SPKI digest. */
export function gatewayKeyId(key: KeyObject): string {
  let id = keyIds.get(key);
  if (id === undefined) {
    id = createHash('sha256').update(publicKeyToBase64(key)).digest('hex').slice(0, 16);
    keyIds.set(key, id);
  }
  return id;
}

/** The three headers the gateway adds to an answer. */
export interface AnswerSignature {
  timestamp: string;
  signature: string;
  keyId: string;
}

/** Signs an answer (or an event) with the gateway's private key at `now`. */
export function signAnswer(
  privateKey: KeyObject,
  parts: Omit<AnswerParts, 'timestamp'>,
  now: number,
): AnswerSignature {
  const timestamp = String(Math.trunc(now));
  const signature = sign(
    null,
    Buffer.from(answerStringToSign({ ...parts, timestamp })),
    privateKey,
  ).toString('base64');
  return { timestamp, signature, keyId: gatewayKeyId(privateKey) };
}

/** Why an answer is not believed. */
export type AnswerVerdict =
  | { ok: true }
  | { ok: false; reason: 'unsigned' | 'forged' | 'stale' | 'other-key'; message: string };

/**
 * Checks an answer's signature with the pinned gateway key and its timestamp
 * against the till's clock (±5 minutes, as requests). `signature` undefined
 * means the answer carried none.
 */
export function verifyAnswer(
  pinned: KeyObject,
  parts: Omit<AnswerParts, 'timestamp'>,
  signature: Partial<AnswerSignature>,
  now: number,
): AnswerVerdict {
  if (!signature.signature || !signature.timestamp)
    return { ok: false, reason: 'unsigned', message: 'the answer carries no gateway signature' };
  if (signature.keyId !== undefined && signature.keyId !== gatewayKeyId(pinned))
    return {
      ok: false,
      reason: 'other-key',
      message: `the answer is signed by gateway key ${signature.keyId}, not the pinned ${gatewayKeyId(pinned)}`,
    };
  const bytes = Buffer.from(signature.signature, 'base64');
  let valid = false;
  if (bytes.length === 64) {
    try {
      valid = verify(
        null,
        Buffer.from(answerStringToSign({ ...parts, timestamp: signature.timestamp })),
        pinned,
        bytes,
      );
    } catch {
      valid = false;
    }
  }
  if (!valid)
    return {
      ok: false,
      reason: 'forged',
      message: 'the gateway signature does not verify with the pinned gateway key',
    };
  if (!timestampInWindow(signature.timestamp, now))
    return {
      ok: false,
      reason: 'stale',
      message: `the answer was signed at ${signature.timestamp}, more than 5 minutes from the till's clock (${now})`,
    };
  return { ok: true };
}

/** The SSE field that carries an event's signature: `signature: <timestamp> <key id> <base64>`. */
export const EVENT_SIGNATURE_FIELD = 'signature';

function eventParts(terminalId: string, eventId: string, data: string): Omit<AnswerParts, 'timestamp'> {
  return {
    status: 'event',
    method: 'GET',
    pathWithQuery: EVENTS_PATH,
    requestId: `${terminalId}/${eventId}`,
    body: data,
  };
}

/** A `signature:` field's value: `<timestamp> <key id> <base64>`. */
function signField(privateKey: KeyObject, parts: Omit<AnswerParts, 'timestamp'>, now: number): string {
  const signed = signAnswer(privateKey, parts, now);
  return `${signed.timestamp} ${signed.keyId} ${signed.signature}`;
}

function verifyField(pinned: KeyObject, parts: Omit<AnswerParts, 'timestamp'>, field: string | undefined, now: number): AnswerVerdict {
  const [timestamp, keyId, signature] = (field ?? '').split(' ');
  return verifyAnswer(pinned, parts, { timestamp, keyId, signature }, now);
}

/** The value of an event's `signature:` field, signed for `terminalId` at `now`. */
export function signEvent(
  privateKey: KeyObject,
  terminalId: string,
  event: { id: string; data: string },
  now: number,
): string {
  return signField(privateKey, eventParts(terminalId, event.id, event.data), now);
}

/** Checks an event's `signature:` field with the pinned key: for this terminal, this id, this data, recently. */
export function verifyEvent(
  pinned: KeyObject,
  terminalId: string,
  event: { id: string | undefined; data: string; signature?: string },
  now: number,
): AnswerVerdict {
  return verifyField(pinned, eventParts(terminalId, event.id ?? '', event.data), event.signature, now);
}

/** The SSE event type of the frame the gateway opens every stream with (docs/relay-protocol.md, "Events"). */
export const STREAM_OPENED_EVENT = 'stream.opened';

function openingParts(nonce: string, data: string): Omit<AnswerParts, 'timestamp'> {
  return { status: 'opened', method: 'GET', pathWithQuery: EVENTS_PATH, requestId: nonce, body: data };
}

/** The `signature:` field of the opening frame of the stream requested with `nonce`, at `now`. */
export function signStreamOpening(privateKey: KeyObject, nonce: string, data: string, now: number): string {
  return signField(privateKey, openingParts(nonce, data), now);
}

/**
 * Checks the opening frame of a stream requested with `nonce`. Only this
 * frame tells the till the gateway itself answered: a 200 text/event-stream
 * proves nothing (any server, or a proxy that buffers the body, sends one),
 * and an event is not bound to the connection that carried it.
 */
export function verifyStreamOpening(
  pinned: KeyObject,
  nonce: string,
  frame: { event: string; data: string; signature?: string },
  now: number,
): AnswerVerdict {
  if (frame.event !== STREAM_OPENED_EVENT)
    return { ok: false, reason: 'unsigned', message: `the stream opened with ${frame.event || 'a message'}, not ${STREAM_OPENED_EVENT}` };
  return verifyField(pinned, openingParts(nonce, frame.data), frame.signature, now);
}
