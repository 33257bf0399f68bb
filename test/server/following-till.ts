import { join } from 'node:path';
import { routeScansByShape } from '../../main/services/catalog-scan-sink.js';
import { openDevicePreferences } from '../../main/services/device-preferences.js';
import { SettingsStore } from '../../main/services/settings-store.js';
import { StaffStore } from '../../main/services/staff-store.js';
import { followStoreData } from '../../main/services/store-data.js';
import { createEventHub } from '../../src/api/index.js';
import { Catalog } from '../../src/catalog/index.js';
import { CheckoutSession } from '../../src/payments/checkout-session.js';
import { IdFactory } from '../../src/payments/ids.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { memoryPin } from '../../src/relay/gateway-key.js';
import { StoreLink } from '../../src/store/store-link.js';
import { openTill, startGateway } from '../payments/harness.js';

/**
 * A till that follows its store's data as main/compose-till.ts wires it: a
 * real engine over a real journal, the sandbox gateway on loopback, the
 * catalog, the checkout session, the staff and settings files, enrolled in
 * the store at `url` with `enrollmentCode`. `cleanups` gets what to close.
 */
export async function startFollowingTill(options: {
  url: string;
  tillId: string;
  enrollmentCode: string;
  dir: string;
  cleanups: Array<() => unknown>;
}) {
  const { url, tillId, dir, cleanups } = options;
  const clock = systemClock;
  const { sandbox, client, key } = await startGateway(dir);
  const { engine, ledger } = openTill(dir, client());
  engine.start();
  cleanups.push(
    () => sandbox.close(),
    () => ledger.close(),
    () => engine.stop(),
  );
  const events = createEventHub({ validate: true, logger: silentLogger });
  const catalog = new Catalog({ db: ledger.db, journal: ledger.journal });
  const checkout = new CheckoutSession({
    engine,
    ids: new IdFactory('T01', clock),
    logger: silentLogger,
  });
  cleanups.push(() => checkout.close());
  const staff = await StaffStore.open(dir, clock);
  const settings = await SettingsStore.open(join(dir, 'settings.json'), events);
  const devicePreferences = await openDevicePreferences(dir);
  const serverKey = memoryPin();
  await new StoreLink({ baseUrl: url, tillId, privateKey: key, clock, serverKey }).register(
    options.enrollmentCode,
  );
  // What the follower changes is what the test reads back.
  const parts = { ledger, catalog, checkout, staff, settings, devicePreferences };
  const { follower, stop } = followStoreData(
    { url, tillId },
    {
      ...parts,
      terminalId: 'T01',
      key,
      clock,
      logger: silentLogger,
      serverKey,
      options: { waitMs: 2_000, backoff: { baseMs: 100, maxMs: 500 } },
    },
  );
  cleanups.push(stop);
  const sink = routeScansByShape({ catalog, checkout, events });
  return {
    engine,
    ...parts,
    follower,
    scan: (code: string) => sink.scan(code),
  };
}
