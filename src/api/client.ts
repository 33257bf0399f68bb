import type { Unsubscribe } from './contract.js';
import { type CallOutcome, ContractError } from './errors.js';
import {
  type ContractClient,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodResult,
  isEventName,
  methodNames,
} from './table.js';

/** How a client reaches the core: Electron's preload or the browser bridge. */
export interface ContractTransport {
  invoke(method: MethodName, input: unknown): Promise<CallOutcome>;
  subscribe(event: EventName, listener: (payload: unknown) => void): Unsubscribe;
}

/**
 * What the preload exposes as `window.pos`: one function per method answering
 * with the outcome envelope (errors cannot cross contextBridge with their
 * fields intact, so they travel as data), plus `on`.
 */
export type PreloadApi = {
  readonly [M in MethodName]: (input?: MethodInput<M>) => Promise<CallOutcome<MethodResult<M>>>;
} & {
  readonly on: <E extends EventName>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
  ) => Unsubscribe;
};

/** The transport over the preload's `window.pos`. */
export function preloadTransport(api: PreloadApi): ContractTransport {
  const calls = api as unknown as Record<MethodName, (input: unknown) => Promise<CallOutcome>>;
  return {
    invoke: (method, input) => calls[method](input),
    subscribe: (event, listener) => api.on(event, listener),
  };
}

/**
 * The one typed client the renderer uses, generated from the method table:
 * `await pos['settings.get']()`; a refused call throws `ContractError`.
 */
export function createContractClient(transport: ContractTransport): ContractClient {
  const client: Record<string, unknown> = {};
  for (const method of methodNames) {
    client[method] = async (input?: unknown) => {
      const outcome = await transport.invoke(method, input);
      if (!outcome.ok) throw ContractError.fromBody(outcome.error);
      return outcome.result;
    };
  }
  client.on = (event: string, listener: (payload: unknown) => void): Unsubscribe => {
    if (!isEventName(event)) throw new ContractError('unknown_event', `no event "${event}"`);
    return transport.subscribe(event, listener);
  };
  return Object.freeze(client) as unknown as ContractClient;
}
