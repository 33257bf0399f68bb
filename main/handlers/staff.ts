import type { HandlersFor, staffMethods } from '../../src/api/index.js';
import type { ServiceSet } from '../compose.js';
import { refusingWith } from './refusals.js';

export function staffHandlers({ till }: ServiceSet): HandlersFor<typeof staffMethods> {
  return {
    'staff.list': () => till.staff.view(),
    'staff.save': (input) => refusingWith(() => till.staff.save(input)),
    'staff.remove': (input) => refusingWith(() => till.staff.remove(input)),
  };
}
