import type { HandlersFor, settingsMethods } from '../../src/api/index.js';
import { requireRole } from '../../src/payments/roles.js';
import type { ServiceSet } from '../compose.js';
import { refusingWith } from './refusals.js';

export function settingsHandlers(services: ServiceSet): HandlersFor<typeof settingsMethods> {
  return {
    'settings.get': () => services.settings.get(),
    'settings.update': ({ managerPin, ...patch }) =>
      refusingWith(async () => {
        if (patch.store !== undefined) await requireRole(services.till.staff, managerPin, 'manager');
        return services.settings.update(patch);
      }),
  };
}
