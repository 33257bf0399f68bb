import { type KeyObject, createPublicKey } from 'node:crypto';
import { memoryPin } from '../../src/relay/gateway-key.js';
import { RelayClient, type RelayClientOptions } from '../../src/relay/relay-client.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';

/** The till the answer and stream attacks fool: a relay client of `url` that pinned the public half of `gatewayKey`, no retries. */
export function attackedTill(url: string, gatewayKey: KeyObject, extra: Partial<RelayClientOptions> = {}): RelayClient {
  return new RelayClient({
    baseUrl: url,
    terminalId: 'SHOP-TILL-01',
    privateKey: generateTerminalKey(),
    gatewayKey: memoryPin(createPublicKey(gatewayKey)),
    retry: { attempts: 1 },
    ...extra,
  });
}
