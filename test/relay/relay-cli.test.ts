import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPos } from '../../main/cli/pos.js';
import { startSandboxGateway } from '../../sandbox/index.js';
import { useTempDir } from '../helpers/temp-dir.js';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) },
    out,
    err,
  };
}

describe('pos relay', () => {
  const tempDir = useTempDir();

  it('keygen, register and a signed call against the sandbox', async () => {
    const dir = tempDir();
    const gateway = await startSandboxGateway({ dbPath: join(dir, 'sandbox.db') });
    try {
      const common = ['--url', gateway.url, '--key', join(dir, 'key.pem'), '--terminal', 'till-07'];
      const keygen = captureIo();
      expect(await runPos(['relay', 'keygen', ...common], keygen.io)).toBe(0);
      expect(keygen.out.join('')).toMatch(/public key: MCowBQYDK2VwAyEA/);
      const again = captureIo();
      expect(await runPos(['relay', 'keygen', ...common], again.io)).toBe(1);
      expect(again.err.join('')).toContain('--force');

      const register = captureIo();
      expect(
        await runPos(['relay', 'register', ...common, '--enrollment-code', 'SANDBOX'], register.io),
      ).toBe(0);
      expect(JSON.parse(register.out.join(''))).toMatchObject({
        result: { status: 'S' },
        merchant: { merchantId: 'M-SANDBOX-0001' },
      });

      const pay = captureIo();
      const request = {
        paymentRequestId: 'cli-pay-0001',
        amount: { currency: 'KRW', value: '4500' },
        paymentCode: '134728953980227777',
        orderTitle: 'Americano',
      };
      expect(
        await runPos(
          ['relay', 'call', 'pay', JSON.stringify(request), ...common, '--show-request'],
          pay.io,
        ),
      ).toBe(0);
      expect(JSON.parse(pay.out.join(''))).toMatchObject({
        result: { code: 'SUCCESS' },
        payment: { status: 'SUCCESS', wallet: 'wechat-pay' },
      });
      expect(pay.err.join('')).toMatch(
        /POST http:\/\/127\.0\.0\.1:\d+\/v1\/payments\/pay\nX-Terminal-Id: till-07\nX-Timestamp: \d+\nX-Nonce: [0-9a-f]{32}\nX-Signature: /,
      );

      const declined = captureIo();
      const decline = {
        ...request,
        paymentRequestId: 'cli-pay-0002',
        paymentCode: '134728953980220051',
      };
      expect(
        await runPos(['relay', 'call', 'pay', JSON.stringify(decline), ...common], declined.io),
      ).toBe(1);
      expect(declined.out.join('')).toContain('USER_BALANCE_NOT_ENOUGH');

      const rates = captureIo();
      expect(await runPos(['relay', 'call', 'exchangeRates', ...common], rates.io)).toBe(0);
      expect(rates.out.join('')).toContain('"quote": "CNY"');
    } finally {
      await gateway.close();
    }
  });

  it('explains an unknown operation, bad JSON, a missing key and an unreachable gateway', async () => {
    const dir = tempDir();
    const common = ['--url', 'http://127.0.0.1:1', '--key', join(dir, 'key.pem')];
    const unknown = captureIo();
    expect(await runPos(['relay', 'call', 'teleport', '{}', ...common], unknown.io)).toBe(2);
    expect(unknown.err.join('')).toContain('call needs an operation: register, pay');
    const badJson = captureIo();
    expect(await runPos(['relay', 'call', 'inquiry', '{nope', ...common], badJson.io)).toBe(2);
    const noKey = captureIo();
    expect(
      await runPos(
        ['relay', 'call', 'inquiry', '{"paymentRequestId":"pay-0000001"}', ...common],
        noKey.io,
      ),
    ).toBe(1);
    expect(noKey.err.join('')).toContain('cannot read the terminal key');
    await runPos(['relay', 'keygen', ...common], captureIo().io);
    const down = captureIo();
    expect(
      await runPos(
        ['relay', 'call', 'inquiry', '{"paymentRequestId":"pay-0000001"}', ...common],
        down.io,
      ),
    ).toBe(1);
    expect(down.err.join('')).toContain('inquiry: connection');
  });
});
