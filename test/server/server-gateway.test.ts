import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandboxGateway } from '../../sandbox/index.js';
import { businessDateAt } from '../../src/platform/business-time.js';
import { GATEWAY_KEY_FILE, fileGatewayPin } from '../../src/relay/gateway-key-file.js';
import { generateTerminalKey, saveTerminalKey } from '../../src/relay/terminal-key.js';
import { STORE_PATHS } from '../../src/store/protocol.js';
import { storeCloseoutAnswerSchema } from '../../src/store/store-closeout-schema.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { link, startServer } from './server-process.js';
import { pgliteTemplate } from './test-databases.js';

const tempDir = useTempDir('pos-server-gateway-');

// Issue 18 point 4: the store server itself fetches the merchant's statement for the store's day (docs/closeout.md).
describe('npm run server with --gateway', () => {
  it("reads the merchant's statement as the store's back office: the close-out lists a line of a terminal no till enrolled", async () => {
    const dir = tempDir();
    const sandbox = await startSandboxGateway({ dbPath: join(dir, 'gateway.db') });
    try {
      // What `pos relay keygen` and `pos relay register --terminal S1-OFFICE` leave behind: the key and, beside it, the pinned gateway key.
      const keyPath = join(dir, 'office', 'terminal-key.pem');
      mkdirSync(dirname(keyPath));
      const key = generateTerminalKey();
      saveTerminalKey(keyPath, key);
      sandbox.registerTerminal('S1-OFFICE', key);
      fileGatewayPin(join(dirname(keyPath), GATEWAY_KEY_FILE)).pin(sandbox.publicKey());
      const at = new Date().toISOString();
      const planted = await fetch(`${sandbox.url}/sandbox/admin/statement-plants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ terminalId: 'T99', add: [{ paymentRequestId: 'PLANT-SPARE', wallet: 'zeropay', amount: 5_000, at }] }),
      });
      expect(planted.ok).toBe(true);

      const data = join(dir, 'store');
      mkdirSync(data);
      cpSync(pgliteTemplate(), join(data, 'pglite'), { recursive: true });
      const server = await startServer(['--data', data, '--store-id', 'S1', '--enrollment-code', 'CODE-S1', '--gateway', sandbox.url, '--gateway-terminal', 'S1-OFFICE', '--gateway-key', keyPath]);
      const till = link(server.url, 'POS1');
      await till.register('CODE-S1');
      const { closeout } = await till.call('POST', STORE_PATHS.closeout, { businessDate: businessDateAt(Date.parse(at), 4) }, storeCloseoutAnswerSchema);
      expect(closeout.merchant).toMatchObject({ status: 'done', merchantId: 'M-SANDBOX-0001', tillsNet: 0, netDifference: 5_000 - 15 });
      expect(closeout.merchant!.unmatched.map((l) => [l.kind, l.terminalId, l.paymentRequestId])).toEqual([['unknown-terminal', 'T99', 'PLANT-SPARE']]);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    } finally {
      await sandbox.close();
    }
  }, 120_000);
});
