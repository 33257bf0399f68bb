import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { EventHub, PosMode } from '../src/api/index.js';
import type { Catalog } from '../src/catalog/index.js';
import { type MerchantProfile, merchantProfileSchema } from '../src/codes/index.js';
import { DeviceStatusBoard } from '../src/devices/device-status.js';
import { openLedger } from '../src/ledger/index.js';
import { CloseOut } from '../src/closeout/index.js';
import { CheckoutSession } from '../src/payments/checkout-session.js';
import { IdFactory } from '../src/payments/ids.js';
import { PaymentEngine } from '../src/payments/payment-engine.js';
import { missingStoreDetails } from '../src/receipts/index.js';
import type { Clock } from '../src/platform/clock.js';
import type { Logger } from '../src/platform/logger.js';
import { RelayClient } from '../src/relay/relay-client.js';
import { ConfigError, type PosConfig } from './config.js';
import { journalPath, renderWorker } from './paths.js';
import { openTillCatalog } from './services/catalog-store.js';
import { routeScansByShape } from './services/catalog-scan-sink.js';
import { CounterScanners } from './services/counter-scanners.js';
import { publishCheckout } from './services/checkout-feed.js';
import { CustomerDisplayFeed } from './services/customer-display-feed.js';
import { type DevicePreferences, openDevicePreferences } from './services/device-preferences.js';
import type { JsonDocument } from './services/json-file.js';
import { LiveDevices } from './services/live-devices.js';
import { forwardPaymentNotices } from './services/payment-notices.js';
import { settleStockOnSales } from './services/sale-stock.js';
import { TrainingPrinter } from '../native/printer/index.js';
import { type TillReceipts, tillReceipts } from './services/receipt-printing.js';
import { SaleHistory } from '../src/payments/sale-history.js';
import type { SettingsStore } from './services/settings-store.js';
import { StaffStore } from './services/staff-store.js';
import type { StatusSource } from './services/status-source.js';
import { gatewayPinOf, loadOrCreateTerminalKey } from './services/terminal-identity.js';
import { TrainingGateway } from './services/training-gateway.js';
import { memoryPin } from '../src/relay/gateway-key.js';
import { startStoreSync, storeLinkFor, storeServerKeyPin } from './services/store-upstream.js';
import type { StoreLink } from '../src/store/store-link.js';
import { followStoreData } from './services/store-data.js';
import { anchorCheck } from '../src/relay/journal-head.js';
import { checkJournalAtStart } from './services/journal-startup-check.js';
import { checkProjectionInBackground } from './services/projection-startup-check.js';

/** The sandbox's merchant, with this till as terminal label so the customer phone finds it offline. */
function trainingMerchant(terminalId: string): MerchantProfile {
  return merchantProfileSchema.parse({
    merchantName: 'COUNTER SANDBOX STORE',
    merchantCity: 'SEOUL',
    merchantCategoryCode: '5411',
    account: { gui: 'KR.SANDBOX.RELAY', merchantId: 'M-SANDBOX-0001' },
    alternateLanguage: { merchantName: '카운터 샌드박스 상점', merchantCity: '서울' },
    terminalLabel: terminalId,
  });
}

/** Live mode: the merchant of the offline QR comes from `merchant.json` (same shape as `pos qr mpm --config`). */
async function liveMerchant(dataDir: string): Promise<MerchantProfile> {
  const file = join(dataDir, 'merchant.json');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file} is needed in live mode (the offline QR names the shop's account): ${(error as Error).message}`);
  }
  const parsed = merchantProfileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${file} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Everything behind the sale, payment, history, device and training screens. */
export interface Till {
  engine: PaymentEngine;
  /** The till's one checkout session: the cart and the sale being paid. */
  checkout: CheckoutSession;
  /** X/Z reports, cash count and reconciliation over the engine's journal. */
  closeout: CloseOut;
  history: SaleHistory;
  receipts: TillReceipts;
  display: CustomerDisplayFeed;
  scanners: CounterScanners;
  board: DeviceStatusBoard;
  /** Items, barcodes, search, quick keys, stock: in the journal database. */
  catalog: Catalog;
  staff: StaffStore;
  devicePreferences: JsonDocument<DevicePreferences>;
  /** The terminal's public key (base64 SPKI) as registered with the gateway. */
  publicKey: string;
  /** Training's embedded sandbox gateway and virtual printer; undefined when live. */
  training: { gateway: TrainingGateway; printer: TrainingPrinter } | undefined;
  /** Live mode's hardware from config.json's `devices`; undefined in training. */
  live: LiveDevices | undefined;
  /** The signed client of the store server config.json names (the store's close-out); undefined without one. */
  storeLink: StoreLink | undefined;
  close(): Promise<void>;
}

export interface TillContext {
  config: PosConfig;
  mode: PosMode;
  clock: Clock;
  logger: Logger;
  events: EventHub;
  status: StatusSource;
  settings: SettingsStore;
}

/**
 * Builds the till: journal, gateway (the embedded sandbox in training),
 * printer, customer display, scanners, staff, and the payment engine over
 * them, then starts the engine (recovery, event stream, sync). What it opened
 * is closed again if a later part fails.
 */
export async function composeTill(ctx: TillContext): Promise<Till> {
  const { config, mode, clock, logger, events, status, settings } = ctx;
  const closers: Array<() => unknown> = [];
  const close = async (): Promise<void> => {
    for (const closer of closers.splice(0).reverse()) {
      try {
        await closer();
      } catch (err) {
        logger.warn({ err }, 'closing a till part failed');
      }
    }
  };
  try {
    const training = mode === 'training';
    const { key, publicKey } = loadOrCreateTerminalKey(config.dataDir);
    const [staff, devicePreferences] = await Promise.all([
      StaffStore.open(config.dataDir, clock),
      openDevicePreferences(config.dataDir),
    ]);
    const board = new DeviceStatusBoard(logger);
    closers.push(
      board.on('change', ({ deviceId }) => events.emit('devices.changed', { deviceId })),
      board.on('removed', (deviceId) => events.emit('devices.changed', { deviceId })),
    );

    // A live till believes only answers signed by the gateway key pinned at registration.
    if (!training && !gatewayPinOf(config.dataDir).current())
      throw new ConfigError(
        `no gateway key is pinned (${config.dataDir}/gateway-key.json): register this till with its gateway (Settings → Gateway, or pos relay register) before live mode`,
      );
    if (!training && staff.defaultPinInUse())
      throw new ConfigError('the owner PIN is still the first-start 0000: change it (Settings → Staff & PINs, at least 6 digits) before live mode');
    const sandbox = training ? await TrainingGateway.start({ dataDir: config.dataDir, terminalId: config.terminalId, terminalKey: key, clock, logger }) : undefined;
    if (sandbox) closers.push(() => sandbox.setRunning(false));
    const gatewayKey = sandbox ? memoryPin(sandbox.publicKey()) : gatewayPinOf(config.dataDir);
    const gateway = new RelayClient({
      baseUrl: sandbox?.url ?? config.gateway!.url,
      terminalId: config.terminalId,
      privateKey: key,
      // Training pins its own sandbox's key; live mode the key pinned at registration.
      gatewayKey,
      clock,
      logger,
      initialConnectivity: training ? 'online' : 'offline',
      // Training recovers from a practised outage within seconds.
      ...(training ? { events: { maxBackoffMs: 3_000 } } : {}),
    });

    const trainingPrinter = training
      ? await TrainingPrinter.start({ dataDir: config.dataDir, profileId: devicePreferences.get().printerProfile, clock, logger, renderWorker: renderWorker() })
      : undefined;
    if (trainingPrinter) closers.push(() => trainingPrinter.stop());
    if (training && config.devices) logger.warn({ devices: Object.keys(config.devices) }, 'config.json devices are used in live mode only; training uses its virtual printer and scan box');
    const live = training
      ? undefined
      : new LiveDevices({ config: config.devices, dataDir: config.dataDir, preferredProfile: devicePreferences.get().printerProfile, board, clock, logger });
    if (live) closers.push(() => live.close());
    const printer = trainingPrinter?.printer ?? live?.printer;
    const drawer = trainingPrinter?.drawer ?? live?.drawer;
    if (printer) {
      board.update(printer.connectionState());
      printer.on('state', (s) => board.update(s));
      printer.on('status', (state) => status.update({ printer: { state } }));
    } else {
      status.update({ printer: { state: 'not-configured', ...(live?.printerProblem ? { reason: live.printerProblem } : {}) } });
    }

    const display = new CustomerDisplayFeed({
      events,
      clock,
      logger,
      shopName: () => settings.get().store.name,
      ...(live?.poleDisplay ? { mirrors: [live.poleDisplay] } : {}),
    });
    closers.push(() => display.stop());

    const ledger = openLedger(journalPath(config.dataDir, mode), { clock });
    closers.push(() => ledger.close());
    checkJournalAtStart(ledger.db, anchorCheck(gatewayKey), logger);
    const catalog = await openTillCatalog({ ledger, dataDir: config.dataDir, training, logger });
    const engine = new PaymentEngine({
      ledger,
      gateway,
      config: { terminalId: config.terminalId, cutoffHour: config.closeout?.cutoffHour },
      merchant: training ? trainingMerchant(config.terminalId) : await liveMerchant(config.dataDir),
      staff,
      clock,
      logger,
      reserve: { path: join(config.dataDir, `disk-reserve-${mode}.bin`) },
      display,
      receipts: { printer, context: () => ({ store: settings.get().store, terminalId: config.terminalId, training }), logger },
      ...(drawer ? { drawer } : {}),
      ...(training ? { sync: { idleMs: 2_000, backoff: { baseMs: 250, maxMs: 2_000 } } } : {}),
    });
    const receipts = tillReceipts(engine.receipts, printer);
    const closeout = new CloseOut({
      ledger, payments: engine.store, gateway, staff, clock, logger, ...(printer ? { printer } : {}),
      store: () => settings.get().store,
      categoryOf: (itemId) => catalog.get(itemId)?.category,
      config: { terminalId: config.terminalId, ...config.closeout },
      terminalKey: key,
    });
    const stopNotices = forwardPaymentNotices({ engine, events, status, display });
    closers.push(stopNotices);
    closers.push(settleStockOnSales(engine, catalog));

    const scanners = new CounterScanners({ board, events, status, clock, logger, training });
    for (const scanner of live?.scanners ?? []) scanners.hub.add(scanner);
    await scanners.start();
    closers.push(() => scanners.stop());
    await live?.start(display.current().view);

    engine.start();
    closers.push(() => engine.stop());
    const comparison = checkProjectionInBackground(journalPath(config.dataDir, mode), engine, logger);
    closers.push(() => (comparison.stop(), comparison.done));
    const storeKey = storeServerKeyPin(config.dataDir);
    if (config.store) closers.push(startStoreSync(config.store, { terminalId: config.terminalId, key, ledger, clock, logger, serverKey: storeKey }));
    // After recovery: a cart restored mid-sale sees its tenders as recovery left them.
    const checkout = new CheckoutSession({
      engine, ids: new IdFactory(config.terminalId, clock), logger,
      ...(config.checkout?.openPriceLimit ? { openPriceLimit: config.checkout.openPriceLimit } : {}),
      ...(training ? {} : { missingDetails: () => missingStoreDetails(settings.get().store) }),
    });
    closers.push(() => checkout.close());
    closers.push(publishCheckout(checkout, events, display));
    // The store's catalog, staff, details and device settings, applied between sales.
    if (config.store) closers.push(followStoreData(config.store, { ledger, catalog, checkout, staff, settings, devicePreferences, terminalId: config.terminalId, key, clock, logger, serverKey: storeKey }).stop);
    scanners.routeTo(routeScansByShape({ catalog, checkout, events }));
    // Scans need no index; search builds its own once the till is up, before the cashier's first keystroke.
    const indexSoon = setTimeout(() => catalog.prepareSearch(), 0);
    closers.push(() => clearTimeout(indexSoon));
    return {
      engine,
      checkout,
      closeout,
      history: new SaleHistory(ledger.db, engine, clock),
      receipts,
      display,
      scanners,
      board,
      catalog,
      staff,
      devicePreferences,
      publicKey,
      training: sandbox && trainingPrinter ? { gateway: sandbox, printer: trainingPrinter } : undefined,
      live,
      storeLink: config.store && storeLinkFor(config.store, { terminalId: config.terminalId, key, clock, serverKey: storeKey }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
