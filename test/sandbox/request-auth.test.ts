import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandboxGateway } from '../../sandbox/index.js';
import { RelayClient } from '../../src/relay/relay-client.js';
import { signRequest } from '../../src/relay/signing.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { TERMINAL, useSandbox } from './fixture.js';
import { memoryPin } from '../../src/relay/gateway-key.js';

const INQUIRY = '/v1/payments/inquiry';
const BODY = JSON.stringify({ paymentRequestId: 'nobody-00001' });

/** Signature headers for POSTing BODY to the inquiry path (`signedPath`: sign another path than the one posted to). */
function signInquiry(
  key: KeyObject,
  { terminal = TERMINAL, at = Date.now(), signedPath = INQUIRY } = {},
) {
  return signRequest(key, terminal, { method: 'POST', pathWithQuery: signedPath, body: BODY }, at);
}

async function post(url: string, path: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: response.status,
    answer: (await response.json()) as {
      result: { status: string; code: string; message: string };
    },
  };
}

describe('sandbox request authentication', () => {
  const start = useSandbox();

  it('accepts a correctly signed request', async () => {
    const { gateway, key } = await start();
    const headers = signInquiry(key);
    const { status, answer } = await post(gateway.url, INQUIRY, BODY, { ...headers });
    expect(status).toBe(200);
    expect(answer.result.code).toBe('PAYMENT_NOT_FOUND');
  });

  it('refuses a bad signature with 401 SIGNATURE_INVALID', async () => {
    const { gateway, key } = await start();
    const headers = signInquiry(key);
    const tampered = BODY.replace('nobody', 'nobodx');
    const { status, answer } = await post(gateway.url, INQUIRY, tampered, { ...headers });
    expect(status).toBe(401);
    expect(answer.result).toMatchObject({ status: 'F', code: 'SIGNATURE_INVALID' });
  });

  it('refuses a request signed with another key, and one without signature headers', async () => {
    const { gateway } = await start();
    const stranger = generateTerminalKey();
    const headers = signInquiry(stranger);
    expect((await post(gateway.url, INQUIRY, BODY, { ...headers })).answer.result.code).toBe(
      'SIGNATURE_INVALID',
    );
    const unsigned = await post(gateway.url, INQUIRY, BODY, {});
    expect(unsigned.status).toBe(401);
    expect(unsigned.answer.result).toMatchObject({
      code: 'SIGNATURE_INVALID',
      message: expect.stringContaining('missing X-Terminal-Id'),
    });
  });

  it('refuses a signature over another path (a pay signature replayed as a cancel)', async () => {
    const { gateway, key } = await start();
    const headers = signInquiry(key, { signedPath: '/v1/payments/cancel' });
    expect((await post(gateway.url, INQUIRY, BODY, { ...headers })).answer.result.code).toBe(
      'SIGNATURE_INVALID',
    );
  });

  it('refuses timestamps more than 5 minutes off with TIMESTAMP_OUT_OF_WINDOW', async () => {
    const { gateway, key } = await start();
    for (const skew of [-5 * 60_000 - 1_000, 5 * 60_000 + 1_000]) {
      const headers = signInquiry(key, { at: Date.now() + skew });
      const { status, answer } = await post(gateway.url, INQUIRY, BODY, { ...headers });
      expect(status).toBe(401);
      expect(answer.result.code).toBe('TIMESTAMP_OUT_OF_WINDOW');
    }
    const slightlyOff = signInquiry(key, { at: Date.now() - 4 * 60_000 });
    expect((await post(gateway.url, INQUIRY, BODY, { ...slightlyOff })).status).toBe(200);
  });

  it('refuses a replayed nonce with NONCE_REPLAYED, also after a gateway restart', async () => {
    const { gateway, key, dbPath } = await start();
    const headers = signInquiry(key);
    expect((await post(gateway.url, INQUIRY, BODY, { ...headers })).status).toBe(200);
    const replay = await post(gateway.url, INQUIRY, BODY, { ...headers });
    expect(replay.status).toBe(401);
    expect(replay.answer.result.code).toBe('NONCE_REPLAYED');

    await gateway.close();
    const restarted = await startSandboxGateway({ dbPath });
    try {
      expect((await post(restarted.url, INQUIRY, BODY, { ...headers })).answer.result.code).toBe(
        'NONCE_REPLAYED',
      );
    } finally {
      await restarted.close();
    }
  });

  it('refuses an unknown terminal exactly as a bad signature, so terminal ids cannot be enumerated', async () => {
    const { gateway } = await start();
    const key = generateTerminalKey();
    const headers = signInquiry(key, { terminal: 'till-99' });
    const { status, answer } = await post(gateway.url, INQUIRY, BODY, { ...headers });
    expect(status).toBe(401);
    expect(answer.result.code).toBe('SIGNATURE_INVALID');
    const forged = await post(gateway.url, INQUIRY, BODY, { ...signInquiry(key, { terminal: TERMINAL }) });
    expect(forged).toEqual({ status, answer });
  });

  it('registers a terminal with the enrollment code, refusing a wrong code', async () => {
    const { gateway } = await start();
    const key = generateTerminalKey();
    const client = new RelayClient({
      baseUrl: gateway.url,
      terminalId: 'till-02',
      privateKey: key,
      gatewayKey: memoryPin(gateway.publicKey()),
    });
    const wrong = await client.register('WRONG-CODE');
    expect(wrong.result).toMatchObject({ status: 'F', code: 'ENROLLMENT_CODE_INVALID' });
    expect((await client.inquire('nobody-00001')).result.code).toBe('SIGNATURE_INVALID');

    const registered = await client.register('SANDBOX');
    expect(registered.result.status).toBe('S');
    expect(registered.merchant?.merchantId).toBe('M-SANDBOX-0001');
    expect((await client.inquire('nobody-00001')).result.code).toBe('PAYMENT_NOT_FOUND');
  });

  it('keeps registrations across restarts', async () => {
    const { gateway, dbPath, key } = await start();
    await gateway.close();
    const restarted = await startSandboxGateway({ dbPath: join(dbPath) });
    try {
      const client = new RelayClient({
        baseUrl: restarted.url,
        terminalId: TERMINAL,
        privateKey: key,
        gatewayKey: memoryPin(restarted.publicKey()),
      });
      expect((await client.exchangeRates()).result.code).toBe('SUCCESS');
    } finally {
      await restarted.close();
    }
  });
});
