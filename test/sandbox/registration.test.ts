import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publicKeyToBase64, rekeyStringToSign, signRequest } from '../../src/relay/signing.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { TERMINAL, useSandbox } from './fixture.js';

const REGISTER = '/v1/terminals/register';

/** Sends a registration signed by `signer` (the key being registered, unless a test says otherwise). */
async function register(
  url: string,
  body: Record<string, unknown>,
  signer = generateTerminalKey(),
  nonce?: string,
) {
  const text = JSON.stringify(body);
  const headers = signRequest(signer, String(body.terminalId), { method: 'POST', pathWithQuery: REGISTER, body: text }, Date.now(), nonce);
  const response = await fetch(url + REGISTER, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
  return { status: response.status, ...((await response.json()) as { result: { code: string; message: string } }) };
}

describe('registration that cannot be hijacked', () => {
  const start = useSandbox();

  it("refuses to re-key a registered terminal with the shop's reusable code, as it refuses a wrong code", async () => {
    const { gateway, client } = await start();
    const thief = generateTerminalKey();
    const hijack = await register(gateway.url, { terminalId: TERMINAL, publicKey: publicKeyToBase64(thief), enrollmentCode: 'SANDBOX' }, thief);
    const wrong = await register(gateway.url, { terminalId: 'NEW-TILL-7', publicKey: publicKeyToBase64(thief), enrollmentCode: 'WRONG-CODE' }, thief);
    expect(hijack).toMatchObject({ status: 403, result: { code: 'ENROLLMENT_CODE_INVALID' } });
    // The same answer whether the terminal exists or not: no enumeration.
    expect(wrong.result).toEqual(hijack.result);
    expect((await client.exchangeRates()).result.code).toBe('SUCCESS');
  });

  it('re-keys with a one-time code once; the same code is refused the second time', async () => {
    const { gateway } = await start();
    const code = gateway.issueEnrollmentCode(TERMINAL);
    const replacement = generateTerminalKey();
    const first = await register(gateway.url, { terminalId: TERMINAL, publicKey: publicKeyToBase64(replacement), enrollmentCode: code }, replacement);
    expect(first.result.code).toBe('SUCCESS');
    const thief = generateTerminalKey();
    const second = await register(gateway.url, { terminalId: TERMINAL, publicKey: publicKeyToBase64(thief), enrollmentCode: code }, thief);
    expect(second).toMatchObject({ status: 403, result: { code: 'ENROLLMENT_CODE_INVALID' } });
  });

  it("a one-time code issued for one terminal cannot re-key another", async () => {
    const { gateway } = await start();
    const code = gateway.issueEnrollmentCode('OTHER-TILL');
    const thief = generateTerminalKey();
    const answer = await register(gateway.url, { terminalId: TERMINAL, publicKey: publicKeyToBase64(thief), enrollmentCode: code }, thief);
    expect(answer.result.code).toBe('ENROLLMENT_CODE_INVALID');
  });

  it("re-keys with the current key's signature of the terminal id, the new key and the nonce; not with another's", async () => {
    const { gateway, key } = await start();
    const next = generateTerminalKey();
    const proof = (nonce: string, signer = key, terminal = TERMINAL) =>
      sign(null, Buffer.from(rekeyStringToSign(terminal, publicKeyToBase64(next), nonce)), signer).toString('base64');
    const attempt = (nonce: string, signature: string) =>
      register(gateway.url, { terminalId: TERMINAL, publicKey: publicKeyToBase64(next), currentKeySignature: signature }, next, nonce);
    expect((await attempt('c'.repeat(32), proof('c'.repeat(32), generateTerminalKey()))).result.code).toBe('ENROLLMENT_CODE_INVALID');
    expect((await attempt('d'.repeat(32), proof('d'.repeat(32), key, 'OTHER-TILL'))).result.code).toBe('ENROLLMENT_CODE_INVALID');
    // A proof made for another request's nonce is not one for this request.
    expect((await attempt('e'.repeat(32), proof('f'.repeat(32)))).result.code).toBe('ENROLLMENT_CODE_INVALID');
    const rekeyed = await attempt('1'.repeat(32), proof('1'.repeat(32)));
    expect(rekeyed.result.code).toBe('SUCCESS');
  });

  it('puts the terminal id inside the signed string: a signature cannot be moved to another terminal id', async () => {
    const { gateway, key } = await start();
    gateway.registerTerminal('SECOND-TILL', key);
    const body = JSON.stringify({ paymentRequestId: 'pay-00000001' });
    const headers = signRequest(key, TERMINAL, { method: 'POST', pathWithQuery: '/v1/payments/inquiry', body }, Date.now());
    const response = await fetch(`${gateway.url}/v1/payments/inquiry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers, 'X-Terminal-Id': 'SECOND-TILL' },
      body,
    });
    expect(response.status).toBe(401);
  });
});
