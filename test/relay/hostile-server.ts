import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { ANSWER_HEADERS, STREAM_OPENED_EVENT, signAnswer, signEvent, signStreamOpening } from '../../src/relay/answer-signing.js';

/** What a hostile (or merely broken) gateway received. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A tiny HTTP server on 127.0.0.1 whose answers the test writes by hand:
 * malformed JSON, wrong shapes, 5xx, silence. Closed after each test.
 */
export function useHostileServer(): (
  handler: (req: Received, res: ServerResponse) => void,
) => Promise<{ url: string; received: Received[] }> {
  const servers: Array<ReturnType<typeof createServer>> = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
  return async (handler) => {
    const received: Received[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        received.push(request);
        handler(request, res);
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
  };
}

/**
 * The key the hostile server signs with: it plays a gateway the till has
 * pinned, whose answers are broken; `answerUnsigned` plays one it has not.
 */
const HOSTILE_GATEWAY_KEY = generateKeyPairSync('ed25519').privateKey;
export const HOSTILE_GATEWAY_PUBLIC_KEY = createPublicKey(HOSTILE_GATEWAY_KEY);

/** Answers `status` with `body` as given (a string is sent verbatim), signed with the pinned key. */
export function answer(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const nonce = res.req.headers['x-nonce'];
  const signed = signAnswer(
    HOSTILE_GATEWAY_KEY,
    {
      status: String(status),
      method: res.req.method ?? 'GET',
      pathWithQuery: res.req.url ?? '/',
      requestId: typeof nonce === 'string' ? nonce : '',
      body: text,
    },
    Date.now(),
  );
  res.writeHead(status, {
    'content-type': contentType,
    [ANSWER_HEADERS.timestamp]: signed.timestamp,
    [ANSWER_HEADERS.signature]: signed.signature,
    [ANSWER_HEADERS.keyId]: signed.keyId,
  });
  res.end(text);
}

/** Answers like `answer`, with no signature at all. */
export function answerUnsigned(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** The SSE `signature:` line for event `id` with `data`, for `terminalId`, by the pinned key. */
export function eventSignatureLine(terminalId: string, id: string, data: string): string {
  return `signature: ${signEvent(HOSTILE_GATEWAY_KEY, terminalId, { id, data }, Date.now())}\n`;
}

/** The stream's opening frame for a GET sent with `nonce`, signed by the pinned key. */
export function streamOpeningFrame(nonce: string): string {
  const data = '{}';
  return `event: ${STREAM_OPENED_EVENT}\nsignature: ${signStreamOpening(HOSTILE_GATEWAY_KEY, nonce, data, Date.now())}\ndata: ${data}\n\n`;
}
