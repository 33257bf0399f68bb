import type { Unsubscribe } from './contract.js';
import {
  BRIDGE_EVENTS_PATH,
  BRIDGE_UNAUTHORIZED_CLOSE,
  type BridgeSocketMessage,
  bridgeMethodPath,
} from './channels.js';
import { z } from 'zod';
import type { ContractTransport } from './client.js';
import { type CallOutcome, ContractError, ContractErrorCode, callOutcomeSchema } from './errors.js';
import { type EventName, isEventName } from './table.js';

/** An event frame of the bridge's socket (`BridgeSocketMessage`), checked before it is believed. */
const eventFrameSchema = z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() });

/** The part of `fetch` the bridge needs (the browser's and Node's both fit). */
export type BridgeFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<{ status: number; json(): Promise<unknown> }>;

/** What the transport does with a socket's events. */
export interface BridgeSocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(code: number): void;
}

/** An open WebSocket as the transport needs it; the caller adapts the browser's or `ws`. */
export interface BridgeSocket {
  send(data: string): void;
  close(): void;
}

export interface BridgeTransportOptions {
  /** `http://127.0.0.1:<port>`: where the page was served from. */
  origin: string;
  /** The per-launch token printed by `pos serve`. */
  token: string;
  fetch: BridgeFetch;
  openSocket(url: string, handlers: BridgeSocketHandlers): BridgeSocket;
  /** Wait before reopening a dropped event socket. */
  reconnectDelayMs?: number;
}

const transportFailure = (message: string): CallOutcome => ({
  ok: false,
  error: new ContractError(ContractErrorCode.transportFailed, message).toBody(),
});

/**
 * The browser-mode transport: calls are `POST /api/<method>` with the token
 * as a bearer credential; events arrive on one WebSocket, opened on the first
 * subscription and authenticated by its first message (so the token stays out
 * of URLs and logs).
 */
export function createBridgeTransport(
  options: BridgeTransportOptions,
): ContractTransport & { close(): void } {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let socket: BridgeSocket | undefined;
  let closed = false;

  const dispatch = (raw: unknown): void => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof raw === 'string' ? raw : String(raw));
    } catch {
      return;
    }
    // Only event messages matter here; anything else (ready, a malformed frame) is ignored.
    const checked = eventFrameSchema.safeParse(parsed);
    if (!checked.success) return;
    const { event, payload } = checked.data;
    if (!isEventName(event)) return;
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
  };

  const open = (): void => {
    const url = `${options.origin.replace(/^http/, 'ws')}${BRIDGE_EVENTS_PATH}`;
    const ws: BridgeSocket = options.openSocket(url, {
      onOpen: () =>
        ws.send(
          JSON.stringify({ type: 'auth', token: options.token } satisfies BridgeSocketMessage),
        ),
      onMessage: dispatch,
      onClose: (code) => {
        if (socket === ws) socket = undefined;
        // A refused token will be refused again: only reconnect after a drop.
        if (closed || code === BRIDGE_UNAUTHORIZED_CLOSE || listeners.size === 0) return;
        setTimeout(() => {
          if (!socket && !closed && listeners.size > 0) open();
        }, options.reconnectDelayMs ?? 1000);
      },
    });
    socket = ws;
  };

  return {
    async invoke(method, input) {
      let response: { status: number; json(): Promise<unknown> };
      try {
        response = await options.fetch(`${options.origin}${bridgeMethodPath(method)}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ input }),
        });
      } catch (error) {
        return transportFailure(`the till did not answer ${method}: ${String(error)}`);
      }
      const parsed = callOutcomeSchema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success)
        return transportFailure(`unreadable answer to ${method} (HTTP ${response.status})`);
      return parsed.data as CallOutcome;
    },
    subscribe(event, listener): Unsubscribe {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      if (!socket) open();
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(event);
      };
    },
    close() {
      closed = true;
      socket?.close();
    },
  };
}
