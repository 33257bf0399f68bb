import type { HandlersFor, saleMethods } from '../../src/api/index.js';
import type { ServiceSet } from '../compose.js';
import { saleStatus } from './refusals.js';

export function saleHandlers({ till }: ServiceSet): HandlersFor<typeof saleMethods> {
  const { engine } = till;
  return {
    'sale.status': ({ saleId }) => saleStatus(engine, saleId),
  };
}
