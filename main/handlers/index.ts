import type { ContractHandlers } from '../../src/api/index.js';
import type { ServiceSet } from '../compose.js';
import { appHandlers } from './app.js';
import { settingsHandlers } from './settings.js';

/**
 * One handler per contract method, grouped by domain like src/api/methods/.
 * The `ContractHandlers` type makes a missing handler a compile error.
 */
export function contractHandlers(services: ServiceSet): ContractHandlers {
  return {
    ...appHandlers(services),
    ...settingsHandlers(services),
  };
}
