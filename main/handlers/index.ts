import type { ContractHandlers } from '../../src/api/index.js';
import type { ServiceSet } from '../compose.js';
import { appHandlers } from './app.js';
import { settingsHandlers } from './settings.js';
import { saleHandlers } from './sale.js';
import { checkoutHandlers } from './checkout.js';
import { historyHandlers } from './history.js';
import { devicesHandlers } from './devices.js';
import { trainingHandlers } from './training.js';
import { displayHandlers } from './display.js';
import { staffHandlers } from './staff.js';
import { gatewayHandlers } from './gateway.js';
import { closeoutHandlers } from './closeout.js';
import { catalogHandlers } from './catalog.js';

/**
 * One handler per contract method, grouped by domain like src/api/methods/.
 * The `ContractHandlers` type makes a missing handler a compile error.
 */
export function contractHandlers(services: ServiceSet): ContractHandlers {
  return {
    ...appHandlers(services),
    ...settingsHandlers(services),
    ...saleHandlers(services),
    ...checkoutHandlers(services),
    ...historyHandlers(services),
    ...devicesHandlers(services),
    ...trainingHandlers(services),
    ...displayHandlers(services),
    ...staffHandlers(services),
    ...gatewayHandlers(services),
    ...closeoutHandlers(services),
    ...catalogHandlers(services),
  };
}
