import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../src/relay/http-answer.js';
import type { z } from 'zod';
import { type ResultCode, resultOf } from '../src/relay/result-codes.js';

// The body reader and the signed JSON answer are shared with the store server.
export { type AnswerSigner, BodyTooLargeError, readBody, sendJson, signAnswersOn } from '../src/relay/http-answer.js';

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
