import type { ServerResponse } from 'node:http';
import type { StoreResult } from '../src/store/protocol.js';

// The body as exact bytes and the signed JSON answer: the same code as the sandbox gateway's.
export { BodyTooLargeError, readBody, sendJson } from '../src/relay/http-answer.js';

/** Raised when a request is refused before its operation runs; the HTTP status and result code say why. */
export class RequestRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A `result` object. */
export function result(status: StoreResult['status'], code: string, message: string): StoreResult {
  return { status, code, message };
}

/** Sends text of a content type (CSV, HTML). */
export function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
