import type { Logger } from '../platform/logger.js';
import type { Unsubscribe } from './contract.js';
import { type EventName, type EventPayload, events } from './table.js';

export type ContractEventListener = (event: EventName, payload: unknown) => void;

/** Where transports listen for contract events. */
export interface ContractEventSource {
  subscribe(listener: ContractEventListener): Unsubscribe;
}

/** Services publish contract events here; every transport subscribes. */
export interface EventHub extends ContractEventSource {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/**
 * Creates the hub. With `validate` on (development, tests) a payload that
 * does not match its schema throws at the emitter, where the bug is. A
 * listener that throws is logged and skipped so one broken window does not
 * silence the others.
 */
export function createEventHub({
  validate,
  logger,
}: {
  validate: boolean;
  logger: Logger;
}): EventHub {
  const listeners = new Set<ContractEventListener>();
  return {
    emit(event, payload) {
      if (validate) events[event].parse(payload);
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch (err) {
          logger.error({ err, event }, 'contract event listener failed');
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
