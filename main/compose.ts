import { join } from 'node:path';
import { type AppStatus, type EventHub, type PosMode, createEventHub } from '../src/api/index.js';
import type { Clock } from '../src/platform/clock.js';
import type { Logger } from '../src/platform/logger.js';
import { type PosConfig, modeOf } from './config.js';
import { SettingsStore } from './services/settings-store.js';
import { StatusSource } from './services/status-source.js';
import { type Till, composeTill } from './compose-till.js';
import { securePosDataDir } from './services/private-data-dir.js';

export interface ComposeDeps {
  logger: Logger;
  clock: Clock;
  appVersion: string;
  /** Check event payloads and handler results against the contract (development, tests). */
  validateContract: boolean;
}

/** Every service the contract handlers reach. Later work adds its services here. */
export interface ServiceSet {
  config: PosConfig;
  mode: PosMode;
  appVersion: string;
  clock: Clock;
  logger: Logger;
  events: EventHub;
  settings: SettingsStore;
  status: StatusSource;
  /** The payment engine, devices, history, staff and training parts (compose-till.ts). */
  till: Till;
  close(): Promise<void>;
}

/**
 * Training embeds virtual devices that are always there; live starts with the
 * gateway offline and no printer until their drivers report in.
 */
function initialStatus(mode: PosMode): AppStatus {
  return mode === 'training'
    ? {
        gateway: 'online',
        outboxDepth: 0,
        printer: { state: 'ready' },
        scanners: [{ deviceId: 'scan-box', driver: 'virtual-scan-box', state: 'connected' }],
      }
    : { gateway: 'offline', outboxDepth: 0, printer: { state: 'not-configured' }, scanners: [] };
}

/** Builds the services from the config: the one place that picks concrete parts. */
export async function compose(config: PosConfig, deps: ComposeDeps): Promise<ServiceSet> {
  const mode = modeOf(config);
  securePosDataDir(config.dataDir);
  const logger = deps.logger.child({ mode, terminalId: config.terminalId });
  const events = createEventHub({ validate: deps.validateContract, logger });
  const settings = await SettingsStore.open(join(config.dataDir, 'settings.json'), events);
  const status = new StatusSource(initialStatus(mode), events);
  const till = await composeTill({ config, mode, clock: deps.clock, logger, events, status, settings });
  logger.info({ dataDir: config.dataDir }, 'services composed');
  return {
    config,
    mode,
    appVersion: deps.appVersion,
    clock: deps.clock,
    logger,
    events,
    settings,
    status,
    till,
    close: () => till.close(),
  };
}
