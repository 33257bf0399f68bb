import type { KeyObject } from 'node:crypto';
import { type Catalog, applyStoreCatalog } from '../../src/catalog/index.js';
import type { Ledger } from '../../src/ledger/index.js';
import type { CheckoutSession } from '../../src/payments/checkout-session.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import type { GatewayKeyPin } from '../../src/relay/gateway-key.js';
import {
  AppliedStoreVersion,
  type SaleGate,
  type StoreDataChanges,
  StoreDataFollower,
  type StoreDataFollowerOptions,
} from '../../src/store/index.js';
import type { PosConfig } from '../config.js';
import { storeLinkFor } from './store-upstream.js';
import type { DevicePreferences } from './device-preferences.js';
import type { JsonDocument } from './json-file.js';
import type { SettingsStore } from './settings-store.js';
import type { StaffStore } from './staff-store.js';

/** The till's parts a store version changes. */
export interface StoreDataTargets {
  ledger: Ledger;
  catalog: Catalog;
  checkout: CheckoutSession;
  staff: StaffStore;
  settings: SettingsStore;
  devicePreferences: JsonDocument<DevicePreferences>;
}

/** The counter is idle when nothing is rung up, no sale is open and no tender is in flight. */
export function checkoutGate(checkout: CheckoutSession): SaleGate {
  return {
    idle: () => {
      const state = checkout.state();
      return state.lines.length === 0 && state.sale === null && state.tender === null;
    },
    onChange: (listener) => checkout.onChange(() => listener()),
  };
}

/**
 * Writes a store version into the till: the catalog first and at once (one
 * SQLite transaction before the first await, so no scan meets half of it),
 * then the staff list, the store details and device settings (JSON files).
 * Every part is idempotent: a till stopped half-way applies the same version
 * again at its next start.
 */
export function applyStoreData(
  targets: StoreDataTargets,
): (changes: StoreDataChanges) => Promise<void> {
  return async (changes) => {
    applyStoreCatalog(
      { catalog: targets.catalog, journal: targets.ledger.journal },
      changes,
      `store v${changes.version}`,
    );
    if (changes.staff) await targets.staff.adoptStoreList(changes.staff);
    const { language, mute, printerProfile } = changes.devices ?? {};
    if (changes.store || language !== undefined || mute !== undefined)
      await targets.settings.update({
        ...(changes.store ? { store: changes.store } : {}),
        ...(language ? { language } : {}),
        ...(mute !== undefined ? { mute } : {}),
      });
    // The printer profile is read at start: the next start prints with it.
    if (printerProfile && printerProfile !== targets.devicePreferences.get().printerProfile)
      await targets.devicePreferences.update((current) => ({ ...current, printerProfile }));
  };
}

/**
 * When config.json names a store server, the till follows the store's data
 * (catalog, staff and PINs, store details, device settings) in the
 * background and applies each new version between sales. Returns the
 * closer that stops it.
 */
export function followStoreData(
  store: NonNullable<PosConfig['store']>,
  deps: StoreDataTargets & {
    terminalId: string;
    key: KeyObject;
    clock: Clock;
    logger: Logger;
    /** The store server's pinned key (main/services/store-upstream.ts): its answers are believed only if it signed them. */
    serverKey: GatewayKeyPin;
    options?: Partial<StoreDataFollowerOptions>;
  },
): { follower: StoreDataFollower; stop: () => Promise<void> } {
  const follower = new StoreDataFollower({
    source: storeLinkFor(store, deps),
    applied: new AppliedStoreVersion(deps.ledger.db, deps.ledger.journal),
    apply: applyStoreData(deps),
    gate: checkoutGate(deps.checkout),
    clock: deps.clock,
    logger: deps.logger.child({ upstream: 'store-data' }),
    ...(deps.options ? { options: deps.options } : {}),
  });
  follower.start();
  return { follower, stop: () => follower.stop() };
}
