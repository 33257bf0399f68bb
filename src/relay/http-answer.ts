import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ANSWER_HEADERS, signAnswer } from './answer-signing.js';

/**
 * The HTTP side of the signed protocol, shared by the two servers that speak
 * it, the sandbox gateway and the store server: the request body read as
 * exact bytes (the request signature covers them) and JSON answers signed
 * with the server's key (answer-signing.ts), bound to the request's nonce.
 */

/** Bodies larger than this are refused: the largest legitimate one is a 500-record journal batch. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Raised when a request body is larger than MAX_BODY_BYTES. */
export class BodyTooLargeError extends Error {}

/** Reads the whole request body as bytes; rejects with BodyTooLargeError past MAX_BODY_BYTES. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError(`request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Signs an answer's status and bytes for the request it answers. */
export interface AnswerSigner {
  signInto(res: ServerResponse, req: IncomingMessage, status: number, body: string | Uint8Array): void;
}

/**
 * The signer of a server whose current private key `key()` returns: adds the
 * three answer-signature headers (status, method, path, the request's
 * X-Nonce, timestamp, body digest), so a till believes only answers its
 * pinned key signed for the very request it sent.
 */
export function answerSigner(key: () => KeyObject, now: () => number): AnswerSigner {
  return {
    signInto(res, req, status, body) {
      const nonce = req.headers['x-nonce'];
      const signed = signAnswer(
        key(),
        {
          status: String(status),
          method: req.method ?? 'GET',
          pathWithQuery: req.url ?? '/',
          requestId: (Array.isArray(nonce) ? nonce[0] : nonce) ?? '',
          body,
        },
        now(),
      );
      res.setHeader(ANSWER_HEADERS.timestamp, signed.timestamp);
      res.setHeader(ANSWER_HEADERS.signature, signed.signature);
      res.setHeader(ANSWER_HEADERS.keyId, signed.keyId);
    },
  };
}

const signers = new WeakMap<ServerResponse, AnswerSigner>();

/** Every JSON answer sent on `res` is signed by `signer` (the server sets this once per request). */
export function signAnswersOn(res: ServerResponse, signer: AnswerSigner): void {
  signers.set(res, signer);
}

/** Sends `body` as JSON with `status`, signed when the response has a signer. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  signers.get(res)?.signInto(res, res.req, status, text);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
