import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  attackGateway,
  runSignatureAttacks,
} from '../../../bench/reliability/signature-attacks.js';
import { generateTerminalKey } from '../../../src/relay/terminal-key.js';

describe('signature and replay attacks', () => {
  it('the sandbox refuses every attack and no money moves', async () => {
    const result = await runSignatureAttacks();
    expect(result).toMatchObject({ name: 'signature_replay_attacks', ok: true, accepted: 0 });
    expect(result.tried).toBeGreaterThanOrEqual(90);
    const byAttack = result.byAttack as Record<string, { tried: number; accepted: number }>;
    expect(Object.keys(byAttack)).toEqual(
      expect.arrayContaining([
        'bad-signature',
        'tampered-request',
        'stale-timestamp',
        'replayed-nonce',
        'unknown-terminal',
        'wrong-key',
        'replayed-after-restart',
      ]),
    );
  });

  it('counts every attack as accepted against a gateway that checks nothing', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"result":{"status":"S","code":"SUCCESS","message":"anything goes"}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const tally = await attackGateway({
        url,
        terminalId: 'T01',
        key: generateTerminalKey(),
        paidRequestId: 'PAID-000001',
      });
      expect(tally.tried).toBeGreaterThan(0);
      expect(tally.accepted).toBe(tally.tried);
      expect(tally.problems[0]).toMatch(/accepted \(HTTP 200 SUCCESS\)/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
