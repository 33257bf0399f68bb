import type { HandlersFor, appMethods } from '../../src/api/index.js';
import type { ServiceSet } from '../compose.js';

export const APP_NAME = 'Counter POS';

export function appHandlers(services: ServiceSet): HandlersFor<typeof appMethods> {
  return {
    'app.info': () => ({
      name: APP_NAME,
      version: services.appVersion,
      mode: services.mode,
      terminalId: services.config.terminalId,
      storeLinked: services.till.storeLink !== undefined,
    }),
    'app.status': () => services.status.get(),
  };
}
