import { type KeyObject, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ANSWER_HEADERS, signAnswer } from '../../src/relay/answer-signing.js';
import { followRotations, memoryPin, signKeyRotation } from '../../src/relay/gateway-key.js';
import { GatewayUnreachableError } from '../../src/relay/gateway.js';
import { RelayClient } from '../../src/relay/relay-client.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { TERMINAL, payRequest, useSandbox } from '../sandbox/fixture.js';
import { useHostileServer } from './hostile-server.js';

const gatewayKey = generateKeyPairSync('ed25519').privateKey;
const strangerKey = generateKeyPairSync('ed25519').privateKey;

/** Writes `body` signed by `key`, for the request nonce `requestId` (default: the request's own), at `at`. */
function signedAnswer(
  res: ServerResponse,
  body: unknown,
  options: { key?: KeyObject; at?: number; requestId?: string; status?: number } = {},
): void {
  const text = JSON.stringify(body);
  const status = options.status ?? 200;
  const signed = signAnswer(
    options.key ?? gatewayKey,
    {
      status: String(status),
      method: res.req.method ?? 'GET',
      pathWithQuery: res.req.url ?? '/',
      requestId: options.requestId ?? String(res.req.headers['x-nonce']),
      body: text,
    },
    options.at ?? Date.now(),
  );
  res.writeHead(status, {
    'content-type': 'application/json',
    [ANSWER_HEADERS.timestamp]: signed.timestamp,
    [ANSWER_HEADERS.signature]: signed.signature,
    [ANSWER_HEADERS.keyId]: signed.keyId,
  });
  res.end(text);
}

/** What a fake gateway answered in the incident: SUCCESS for 1 won under somebody else's request id. */
function approval(request: { paymentRequestId: string; amount: { currency: string; value: string } }) {
  return {
    result: { status: 'S', code: 'SUCCESS', message: 'paid' },
    payment: {
      paymentId: 'p-1',
      paymentRequestId: request.paymentRequestId,
      status: 'SUCCESS',
      scenario: 'CPM',
      amount: request.amount,
      createdAt: '2026-01-05T01:00:00.000Z',
      paidAt: '2026-01-05T01:00:01.000Z',
    },
  };
}

function clientFor(url: string) {
  return new RelayClient({
    baseUrl: url,
    terminalId: TERMINAL,
    privateKey: generateTerminalKey(),
    gatewayKey: memoryPin(createPublicKey(gatewayKey)),
    retry: { attempts: 1 },
  });
}

async function payOutcome(client: RelayClient, request = payRequest({ amount: 250_000 })) {
  return client.pay(request).then(
    (answer) => `believed ${answer.result.code}`,
    (error: unknown) => (error instanceof GatewayUnreachableError ? error.kind : String(error)),
  );
}

describe('the till believes only what the pinned gateway key signed', () => {
  const serve = useHostileServer();

  it('reads an honest signed approval as an approval', async () => {
    const request = payRequest({ amount: 250_000 });
    const { url } = await serve((_req, res) => signedAnswer(res, approval(request)));
    expect(await payOutcome(clientFor(url), request)).toBe('believed SUCCESS');
  });

  it.each([
    ['unsigned', (res: ServerResponse, body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    }],
    ['signed by a key that is not pinned', (res: ServerResponse, body: unknown) =>
      signedAnswer(res, body, { key: strangerKey })],
    ['signed ten minutes ago (stale)', (res: ServerResponse, body: unknown) =>
      signedAnswer(res, body, { at: Date.now() - 10 * 60_000 })],
    ['recorded for another request (replayed)', (res: ServerResponse, body: unknown) =>
      signedAnswer(res, body, { requestId: 'a'.repeat(32) })],
    ['signed as a 401 but sent as a 200', (res: ServerResponse, body: unknown) => {
      const text = JSON.stringify(body);
      const signed = signAnswer(gatewayKey, { status: '401', method: 'POST', pathWithQuery: res.req.url ?? '', requestId: String(res.req.headers['x-nonce']), body: text }, Date.now());
      res.writeHead(200, { [ANSWER_HEADERS.timestamp]: signed.timestamp, [ANSWER_HEADERS.signature]: signed.signature });
      res.end(text);
    }],
  ])('an approval %s is unknown (unauthenticated-answer), never approved', async (_, write) => {
    const request = payRequest({ amount: 250_000 });
    const { url } = await serve((_req, res) => write(res, approval(request)));
    expect(await payOutcome(clientFor(url), request)).toBe('unauthenticated-answer');
  });

  it('an approval whose body was swapped after signing is unknown', async () => {
    const request = payRequest({ amount: 250_000 });
    const { url } = await serve((_req, res) => {
      const honest = JSON.stringify({ result: { status: 'F', code: 'USER_BALANCE_NOT_ENOUGH', message: 'no' } });
      const signed = signAnswer(gatewayKey, { status: '200', method: 'POST', pathWithQuery: res.req.url ?? '', requestId: String(res.req.headers['x-nonce']), body: honest }, Date.now());
      res.writeHead(200, { [ANSWER_HEADERS.timestamp]: signed.timestamp, [ANSWER_HEADERS.signature]: signed.signature, [ANSWER_HEADERS.keyId]: signed.keyId });
      res.end(JSON.stringify(approval(request)));
    });
    expect(await payOutcome(clientFor(url), request)).toBe('unauthenticated-answer');
  });

  it.each([
    ["somebody else's paymentRequestId", (r: ReturnType<typeof payRequest>) => ({ ...r, paymentRequestId: 'other-000000001' })],
    ['1 won', (r: ReturnType<typeof payRequest>) => ({ ...r, amount: { currency: 'KRW', value: '1' } })],
    ['another currency', (r: ReturnType<typeof payRequest>) => ({ ...r, amount: { currency: 'CNY', value: r.amount.value } })],
  ])('a signed approval for %s is unknown (mismatched-answer), never success', async (_, twist) => {
    const request = payRequest({ amount: 250_000 });
    const { url } = await serve((_req, res) => signedAnswer(res, approval(twist(request))));
    expect(await payOutcome(clientFor(url), request)).toBe('mismatched-answer');
  });

  it('a signed S without the payment it approves is unknown', async () => {
    const { url } = await serve((_req, res) =>
      signedAnswer(res, { result: { status: 'S', code: 'SUCCESS', message: 'paid' } }),
    );
    expect(await payOutcome(clientFor(url))).toBe('mismatched-answer');
  });

  it('a refund answer for another amount is unknown', async () => {
    const { url } = await serve((_req, res) =>
      signedAnswer(res, {
        result: { status: 'S', code: 'SUCCESS', message: 'refunded' },
        refund: { refundId: 'r', refundRequestId: 'ref-0000001', paymentRequestId: 'pay-0000001', amount: { currency: 'KRW', value: '9000' }, refundedAt: '2026-01-05T01:00:00.000Z' },
      }),
    );
    await expect(
      clientFor(url).refund({ refundRequestId: 'ref-0000001', paymentRequestId: 'pay-0000001', amount: { currency: 'KRW', value: '900' } }),
    ).rejects.toMatchObject({ kind: 'mismatched-answer' });
  });

  it('with nothing pinned, only a successful registration pins the key that signed it', async () => {
    const { url } = await serve((req, res) => {
      const registering = req.url === '/v1/terminals/register';
      const refused = registering && JSON.parse(req.body).enrollmentCode === 'WRONG';
      signedAnswer(
        res,
        registering
          ? { result: refused ? { status: 'F', code: 'ENROLLMENT_CODE_INVALID', message: 'no' } : { status: 'S', code: 'SUCCESS', message: 'ok' }, gatewayKey: createPublicKey(gatewayKey).export({ type: 'spki', format: 'der' }).toString('base64') }
          : { result: { status: 'S', code: 'SUCCESS', message: 'ok' }, rates: [] },
      );
    });
    const pin = memoryPin();
    const client = new RelayClient({ baseUrl: url, terminalId: TERMINAL, privateKey: generateTerminalKey(), gatewayKey: pin, retry: { attempts: 1 } });
    await expect(client.exchangeRates()).rejects.toMatchObject({ kind: 'unauthenticated-answer' });
    expect((await client.register('WRONG')).result.code).toBe('ENROLLMENT_CODE_INVALID');
    expect(pin.current()).toBeUndefined();
    expect((await client.register('GOOD')).result.code).toBe('SUCCESS');
    expect(pin.current()?.equals(createPublicKey(gatewayKey))).toBe(true);
    expect((await client.exchangeRates()).result.code).toBe('SUCCESS');
  });
});

describe('gateway key rotation', () => {
  const start = useSandbox();

  it('follows a rotation signed by the pinned key and re-pins; the events keep flowing', async () => {
    const { gateway, key } = await start();
    const pin = memoryPin(gateway.publicKey());
    const client = new RelayClient({ baseUrl: gateway.url, terminalId: TERMINAL, privateKey: key, gatewayKey: pin, retry: { attempts: 1 } });
    expect((await client.exchangeRates()).result.code).toBe('SUCCESS');
    const before = gateway.publicKey();
    gateway.rotateKey();
    gateway.rotateKey();
    expect((await client.exchangeRates()).result.code).toBe('SUCCESS');
    expect(pin.current()?.equals(gateway.publicKey())).toBe(true);
    expect(pin.current()?.equals(before)).toBe(false);
  });

  it('refuses a rotation chain whose link is not signed by the pinned key', () => {
    const pinned = generateKeyPairSync('ed25519').privateKey;
    const forged = signKeyRotation(strangerKey, generateKeyPairSync('ed25519').privateKey, new Date());
    const claimed = { ...forged, previousKey: createPublicKey(pinned).export({ type: 'spki', format: 'der' }).toString('base64') };
    expect(() => followRotations(createPublicKey(pinned), [claimed])).toThrow(/not signed by the pinned key/);
  });

  it('an answer signed by a stranger who claims a rotation is still unknown', async () => {
    const { gateway, key } = await start();
    const pin = memoryPin(generateKeyPairSync('ed25519').publicKey);
    const client = new RelayClient({ baseUrl: gateway.url, terminalId: TERMINAL, privateKey: key, gatewayKey: pin, retry: { attempts: 1 } });
    await expect(client.pay(payRequest())).rejects.toMatchObject({ kind: 'unauthenticated-answer' });
  });
});
