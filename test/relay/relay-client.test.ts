import { describe, expect, it } from 'vitest';
import { GatewayUnreachableError } from '../../src/relay/gateway.js';
import { RelayClient, type RelayClientOptions } from '../../src/relay/relay-client.js';
import { InvalidRelayRequestError } from '../../src/relay/signed-transport.js';
import { publicKeyToBase64, verifySignature } from '../../src/relay/signing.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { payRequest } from '../sandbox/fixture.js';
import { HOSTILE_GATEWAY_PUBLIC_KEY, answer, useHostileServer } from './hostile-server.js';
import { memoryPin } from '../../src/relay/gateway-key.js';

const key = generateTerminalKey();
const OK_INQUIRY = { result: { status: 'S', code: 'SUCCESS', message: 'ok' } };

function clientFor(url: string, options: Partial<RelayClientOptions> = {}) {
  return new RelayClient({
    baseUrl: url,
    terminalId: 'till-01',
    privateKey: key,
    gatewayKey: memoryPin(HOSTILE_GATEWAY_PUBLIC_KEY),
    retry: { attempts: 2, delayMs: 5 },
    ...options,
  });
}

describe('RelayClient against a hostile gateway', () => {
  const serve = useHostileServer();

  it.each([
    ['not JSON', 200, '<html>502 Bad Gateway</html>'],
    ['JSON without result', 200, { payment: {} }],
    ['an unknown status', 200, { result: { status: 'X', code: 'SUCCESS', message: '' } }],
    [
      'a payment with a float amount',
      200,
      {
        result: { status: 'S', code: 'SUCCESS', message: '' },
        payment: {
          paymentId: 'p',
          paymentRequestId: 'pay-0000001',
          status: 'SUCCESS',
          scenario: 'CPM',
          amount: { currency: 'KRW', value: 1500.5 },
          createdAt: '2026-01-05T01:00:00.000Z',
        },
      },
    ],
    ['a 4xx with a body that is not an answer', 404, 'Not Found'],
  ])(
    'a pay answered with %s is GatewayUnreachableError(malformed-answer)',
    async (_, status, body) => {
      const { url } = await serve((_req, res) => answer(res, status, body));
      const error = await clientFor(url)
        .pay(payRequest())
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayUnreachableError);
      expect(error).toMatchObject({ kind: 'malformed-answer', operation: 'pay' });
    },
  );

  it('a 5xx is server-error even when its body is a valid answer', async () => {
    const { url } = await serve((_req, res) => answer(res, 502, OK_INQUIRY));
    await expect(clientFor(url).inquire('pay-0000001')).rejects.toMatchObject({
      kind: 'server-error',
    });
  });

  it('silence past the operation timeout is timeout; a refused connection is connection', async () => {
    const { url } = await serve(() => undefined);
    const started = performance.now();
    await expect(
      clientFor(url, { timeouts: { inquiry: 150 }, retry: { attempts: 1 } }).inquire('pay-0000001'),
    ).rejects.toMatchObject({ kind: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(clientFor('http://127.0.0.1:1').inquire('pay-0000001')).rejects.toMatchObject({
      kind: 'connection',
    });
  });

  it('never retries pay: one request, and the error reaches the caller', async () => {
    const { url, received } = await serve((_req, res) => answer(res, 503, 'busy'));
    await expect(
      clientFor(url, { retry: { attempts: 5, delayMs: 1 } }).pay(payRequest()),
    ).rejects.toMatchObject({ kind: 'server-error' });
    expect(received).toHaveLength(1);
  });

  it('retries inquiry, cancel and refund with the same body, each attempt freshly signed', async () => {
    const { url, received } = await serve((req, res) =>
      received.length % 2 === 1 ? res.socket?.destroy() : answer(res, 200, OK_INQUIRY),
    );
    const client = clientFor(url, { retry: { attempts: 2, delayMs: 1 } });
    await client.cancel({ paymentRequestId: 'pay-0000001', reason: 'NETWORK_CANCELLATION' });
    await client.refund({
      refundRequestId: 'ref-0000001',
      paymentRequestId: 'pay-0000001',
      amount: { currency: 'KRW', value: '100' },
    });
    await client.inquire('pay-0000001');
    expect(received).toHaveLength(6);
    for (let i = 0; i < 6; i += 2) {
      expect(received[i + 1]!.body).toBe(received[i]!.body);
      expect(received[i + 1]!.headers['x-nonce']).not.toBe(received[i]!.headers['x-nonce']);
    }
  });

  it('signs what it sends: the hostile server can verify the signature with the public key', async () => {
    const { url, received } = await serve((_req, res) => answer(res, 200, OK_INQUIRY));
    await clientFor(url).settlement('2026-01-05');
    const [request] = received;
    expect(request).toMatchObject({ method: 'GET', url: '/v1/settlements/2026-01-05', body: '' });
    const { publicKeyFromBase64 } = await import('../../src/relay/signing.js');
    const parts = {
      method: 'GET',
      pathWithQuery: request!.url,
      terminalId: 'till-01',
      timestamp: String(request!.headers['x-timestamp']),
      nonce: String(request!.headers['x-nonce']),
      body: '',
    };
    expect(
      verifySignature(
        publicKeyFromBase64(publicKeyToBase64(key)),
        parts,
        String(request!.headers['x-signature']),
      ),
    ).toBe(true);
  });

  it("resolves with a refusal the gateway answers in 4xx (the F result is the caller's to act on)", async () => {
    const refusal = { result: { status: 'F', code: 'SIGNATURE_INVALID', message: 'bad' } };
    const { url } = await serve((_req, res) => answer(res, 401, refusal));
    expect((await clientFor(url).lookupByBill(['B-1'])).payments).toEqual([]);
    expect((await clientFor(url).pay(payRequest())).result.code).toBe('SIGNATURE_INVALID');
  });

  it('refuses to send a request that breaks the protocol schema', async () => {
    const { url, received } = await serve((_req, res) => answer(res, 200, OK_INQUIRY));
    await expect(
      clientFor(url).pay({ ...payRequest(), paymentRequestId: 'x' }),
    ).rejects.toBeInstanceOf(InvalidRelayRequestError);
    expect(received).toEqual([]);
  });
});
