import type { HandlersFor, displayMethods } from '../../src/api/index.js';
import type { ServiceSet } from '../compose.js';

export function displayHandlers({ till }: ServiceSet): HandlersFor<typeof displayMethods> {
  return {
    'display.get': () => till.display.current(),
    'display.showBasket': ({ items, total }) => till.display.showBasket(items, total),
    'display.setLanguage': ({ language }) => till.display.setLanguage(language),
  };
}
