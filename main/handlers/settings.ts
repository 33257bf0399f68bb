import type { HandlersFor, settingsMethods } from '../../src/api/index.js';
import type { ServiceSet } from '../compose.js';

export function settingsHandlers(services: ServiceSet): HandlersFor<typeof settingsMethods> {
  return {
    'settings.get': () => services.settings.get(),
    'settings.update': (patch) => services.settings.update(patch),
  };
}
