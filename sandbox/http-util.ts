import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { type ResultCode, resultOf } from '../src/relay/result-codes.js';

/** Bodies larger than this are refused: the largest legitimate one is a 500-record journal batch. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Raised when a request body is larger than MAX_BODY_BYTES. */
export class BodyTooLargeError extends Error {}

/** Reads the whole request body as bytes (the signature covers the exact bytes). */
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

/** Signs an answer's status and bytes for the request it answers (gateway-keys.ts). */
export interface AnswerSigner {
  signInto(res: ServerResponse, req: IncomingMessage, status: number, body: string): void;
}

const signers = new WeakMap<ServerResponse, AnswerSigner>();

/** Every JSON answer sent on `res` is signed by `signer` (the gateway sets this once per request). */
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

/**
 * Reads an unsigned admin or customer body as JSON checked by `schema` (an
 * empty body is `{}`). On a body that is not JSON or not valid it answers 400
 * itself, naming every offending field, and resolves undefined.
 */
export async function readJsonBody<T>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: z.ZodType<T>,
): Promise<T | undefined> {
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req)).toString('utf8') || '{}');
  } catch {
    sendJson(res, 400, { error: 'the body is not JSON' });
    return undefined;
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  sendJson(res, 400, {
    error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
  });
  return undefined;
}

/** HTTP status of a refusal: authentication 401, enrollment 403, parameters 400; business answers are 200. */
export function httpStatusOf(code: string): number {
  switch (code) {
    case 'SIGNATURE_INVALID':
    case 'TIMESTAMP_OUT_OF_WINDOW':
    case 'NONCE_REPLAYED':
    case 'TERMINAL_NOT_REGISTERED':
      return 401;
    case 'ENROLLMENT_CODE_INVALID':
      return 403;
    case 'PARAM_ILLEGAL':
      return 400;
    default:
      return 200;
  }
}

/** Sends an answer that carries only `result`. */
export function sendResult(
  res: ServerResponse,
  code: ResultCode,
  message: string,
  status = httpStatusOf(code),
): void {
  sendJson(res, status, { result: resultOf(code, message) });
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
