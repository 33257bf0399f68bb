import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../src/platform/logger.js';
import { type SandboxGateway, startSandboxGateway } from '../../sandbox/index.js';
import { StaffStore } from '../../main/services/staff-store.js';
import { gatewayPinOf, loadOrCreateTerminalKey } from '../../main/services/terminal-identity.js';

/**
 * The sandbox as the "live" gateway, with the till's own key registered and pinned, as a
 * shop's relay would have it; `relayDir` holds the gateway's database. The caller closes it.
 */
export async function startLiveGateway(dataDir: string, relayDir: string, terminalId: string): Promise<SandboxGateway> {
  const gateway = await startSandboxGateway({ dbPath: join(relayDir, 'relay.db'), logger: silentLogger });
  gateway.registerTerminal(terminalId, loadOrCreateTerminalKey(dataDir).key);
  gatewayPinOf(dataDir).pin(gateway.publicKey());
  // Live mode refuses the first-start owner PIN 0000.
  await (await StaffStore.open(dataDir)).save({ ownerPin: '0000', staffId: 'owner', name: 'Owner', role: 'owner', pin: '246813' });
  // Live mode prints the shop's account on its offline QR: merchant.json (same shape as `pos qr mpm --config`).
  writeFileSync(
    join(dataDir, 'merchant.json'),
    JSON.stringify({
      merchantName: 'COUNTER LIVE TEST',
      merchantCity: 'SEOUL',
      merchantCategoryCode: '5411',
      account: { gui: 'KR.SANDBOX.RELAY', merchantId: 'M-SANDBOX-0001' },
    }),
  );
  return gateway;
}
