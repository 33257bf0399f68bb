import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HandlersFor, gatewayMethods } from '../../src/api/index.js';
import { requireRole } from '../../src/payments/roles.js';
import { GatewayUnreachableError } from '../../src/relay/gateway.js';
import { RelayClient } from '../../src/relay/relay-client.js';
import { CONFIG_FILE } from '../config.js';
import type { ServiceSet } from '../compose.js';
import { writeJsonFile } from '../services/json-file.js';
import { gatewayPinOf, loadOrCreateTerminalKey } from '../services/terminal-identity.js';
import { refusingWith } from './refusals.js';

export function gatewayHandlers(services: ServiceSet): HandlersFor<typeof gatewayMethods> {
  const { config, mode, till } = services;
  return {
    'gateway.info': () => ({
      mode,
      url: mode === 'training' ? (till.training?.gateway.url ?? null) : (config.gateway?.url ?? null),
      terminalId: config.terminalId,
      publicKey: till.publicKey,
    }),
    // Registration changes where money goes, so it needs the owner; the switch to
    // live happens on the next start, when compose reads the new config.json.
    'gateway.register': ({ ownerPin, url, terminalId, enrollmentCode }) =>
      refusingWith(async () => {
        await requireRole(till.staff, ownerPin, 'owner');
        if (till.staff.defaultPinInUse())
          return { registered: false, code: 'DEFAULT_PIN', message: 'Change the owner PIN 0000 (Settings → Staff & PINs) before registering with a gateway.', restartRequired: false };
        const client = new RelayClient({ baseUrl: url, terminalId, privateKey: loadOrCreateTerminalKey(config.dataDir).key, gatewayKey: gatewayPinOf(config.dataDir), retry: { attempts: 1 } });
        let answer;
        try {
          answer = await client.register(enrollmentCode);
        } catch (error) {
          if (!(error instanceof GatewayUnreachableError)) throw error;
          return { registered: false, code: 'GATEWAY_UNREACHABLE', message: error.message, restartRequired: false };
        }
        if (answer.result.status !== 'S') {
          return { registered: false, code: answer.result.code, message: answer.result.message, restartRequired: false };
        }
        const file = join(config.dataDir, CONFIG_FILE);
        const current = await readFile(file, 'utf8').then((text) => JSON.parse(text) as object, () => ({}));
        await writeJsonFile(file, { ...current, terminalId, gateway: { url } });
        return { registered: true, restartRequired: true };
      }),
  };
}
