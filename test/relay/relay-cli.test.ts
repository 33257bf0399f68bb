import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandboxGateway } from '../../sandbox/index.js';
import { runPosCaptured as pos } from '../helpers/run-pos.js';
import { useTempDir } from '../helpers/temp-dir.js';

describe('pos relay', () => {
  const tempDir = useTempDir();

  it('keygen, register and a signed call against the sandbox', async () => {
    const dir = tempDir();
    const gateway = await startSandboxGateway({ dbPath: join(dir, 'sandbox.db') });
    try {
      const common = ['--url', gateway.url, '--key', join(dir, 'key.pem'), '--terminal', 'till-07'];
      const keygen = await pos('relay', 'keygen', ...common);
      expect(keygen.code).toBe(0);
      expect(keygen.out).toMatch(/public key: MCowBQYDK2VwAyEA/);
      const again = await pos('relay', 'keygen', ...common);
      expect(again.code).toBe(1);
      expect(again.err).toContain('--force');

      const register = await pos('relay', 'register', ...common, '--enrollment-code', 'SANDBOX');
      expect(register.code).toBe(0);
      expect(JSON.parse(register.out)).toMatchObject({
        result: { status: 'S' },
        merchant: { merchantId: 'M-SANDBOX-0001' },
      });

      const request = {
        paymentRequestId: 'cli-pay-0001',
        amount: { currency: 'KRW', value: '4500' },
        paymentCode: '134728953980227777',
        orderTitle: 'Americano',
      };
      const pay = await pos(
        'relay',
        'call',
        'pay',
        JSON.stringify(request),
        ...common,
        '--show-request',
      );
      expect(pay.code).toBe(0);
      expect(JSON.parse(pay.out)).toMatchObject({
        result: { code: 'SUCCESS' },
        payment: { status: 'SUCCESS', wallet: 'wechat-pay' },
      });
      expect(pay.err).toMatch(
        /POST http:\/\/127\.0\.0\.1:\d+\/v1\/payments\/pay\nX-Terminal-Id: till-07\nX-Timestamp: \d+\nX-Nonce: [0-9a-f]{32}\nX-Signature: /,
      );

      const decline = {
        ...request,
        paymentRequestId: 'cli-pay-0002',
        paymentCode: '134728953980220051',
      };
      const declined = await pos('relay', 'call', 'pay', JSON.stringify(decline), ...common);
      expect(declined.code).toBe(1);
      expect(declined.out).toContain('USER_BALANCE_NOT_ENOUGH');

      const rates = await pos('relay', 'call', 'exchangeRates', ...common);
      expect(rates.code).toBe(0);
      expect(rates.out).toContain('"quote": "CNY"');
    } finally {
      await gateway.close();
    }
  });

  it('explains an unknown operation, bad JSON, a missing key and an unreachable gateway', async () => {
    const dir = tempDir();
    const common = ['--url', 'http://127.0.0.1:1', '--key', join(dir, 'key.pem')];
    const inquiry = ['relay', 'call', 'inquiry', '{"paymentRequestId":"pay-0000001"}', ...common];
    const unknown = await pos('relay', 'call', 'teleport', '{}', ...common);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('call needs an operation: register, pay');
    expect((await pos('relay', 'call', 'inquiry', '{nope', ...common)).code).toBe(2);
    const noKey = await pos(...inquiry);
    expect(noKey.code).toBe(1);
    expect(noKey.err).toContain('cannot read the terminal key');
    await pos('relay', 'keygen', ...common);
    const down = await pos(...inquiry);
    expect(down.code).toBe(1);
    expect(down.err).toContain('inquiry: connection');
  });
});
