import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { type Ledger, UpstreamCursor } from '../../src/ledger/index.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import type { GatewayKeyPin } from '../../src/relay/gateway-key.js';
import { fileGatewayPin } from '../../src/relay/gateway-key-file.js';
import { STORE_SERVER_KEY_FILE, StoreKeyNotPinnedError, StoreLink, StoreRefusedError } from '../../src/store/store-link.js';
import { StoreSync, type StoreUpload } from '../../src/store/store-sync.js';
import type { PosConfig } from '../config.js';

/**
 * Where a till pins its store server's key: a file in its data folder,
 * written by the first accepted enrollment, read by every link to the store
 * (the journal upstream and the store data follower).
 */
export function storeServerKeyPin(dataDir: string): GatewayKeyPin {
  return fileGatewayPin(join(dataDir, STORE_SERVER_KEY_FILE));
}

/** The till's signed client of the store server config.json names: its till id (else the terminal id), key and pinned server key. */
export function storeLinkFor(
  store: NonNullable<PosConfig['store']>,
  deps: { terminalId: string; key: KeyObject; clock: Clock; serverKey: GatewayKeyPin },
): StoreLink {
  return new StoreLink({ baseUrl: store.url, tillId: store.tillId ?? deps.terminalId, privateKey: deps.key, clock: deps.clock, serverKey: deps.serverKey });
}

/**
 * The till's second upstream: when config.json names a store server, every
 * journal record goes there through the store's own cursor, in the
 * background, beside the relay's sync; nothing at the counter waits for it.
 * With an enrollment code the till enrolls its key the first time the server
 * does not know it (so a server that was down at start costs nothing).
 * Returns the closer that stops it.
 */
export function startStoreSync(
  store: NonNullable<PosConfig['store']>,
  deps: { terminalId: string; key: KeyObject; ledger: Ledger; clock: Clock; logger: Logger; serverKey: GatewayKeyPin },
): () => Promise<void> {
  const logger = deps.logger.child({ upstream: 'store' });
  const link = storeLinkFor(store, deps);
  const enrolling: StoreUpload = {
    async upload(records) {
      try {
        return await link.upload(records);
      } catch (error) {
        // Enroll when the server does not know this till, or when no server key is pinned yet (enrolled before answers were signed).
        const unknownTill = error instanceof StoreRefusedError && error.code === 'SIGNATURE_INVALID';
        if (!store.enrollmentCode || !(unknownTill || error instanceof StoreKeyNotPinnedError)) throw error;
        await link.register(store.enrollmentCode);
        logger.info({ tillId: store.tillId ?? deps.terminalId }, 'enrolled with the store server');
        return link.upload(records);
      }
    },
  };
  const sync = new StoreSync({ journal: deps.ledger.journal, cursor: new UpstreamCursor(deps.ledger.db, deps.clock, 'store'), link: enrolling, logger });
  sync.start();
  return () => sync.stop();
}
