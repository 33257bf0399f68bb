import {
  type ClientFor,
  type HandlersFor,
  type InputOf,
  type ResultOf,
  type WindowRole,
  defineEvents,
  defineMethods,
} from './contract.js';
import type { z } from 'zod';
import { appMethods } from './methods/app.js';
import { settingsMethods } from './methods/settings.js';
import { saleMethods } from './methods/sale.js';
import { checkoutMethods } from './methods/checkout.js';
import { historyMethods } from './methods/history.js';
import { devicesMethods } from './methods/devices.js';
import { trainingMethods } from './methods/training.js';
import { displayMethods } from './methods/display.js';
import { staffMethods } from './methods/staff.js';
import { gatewayMethods } from './methods/gateway.js';
import { closeoutMethods } from './methods/closeout.js';
import { catalogMethods } from './methods/catalog.js';
import { paymentEvents } from './schemas/payment-events.js';
import { appStatusSchema, scanEventSchema } from './schemas/app.js';
import { checkoutStateSchema } from './schemas/checkout.js';
import { settingsSchema } from './schemas/settings.js';
import { catalogScanEventSchema } from './schemas/catalog.js';
import { devicesChangedSchema } from './schemas/devices.js';

/**
 * THE contract between the UI and the core. Both transports (Electron IPC and
 * the browser bridge), the preload and the client are generated from these two
 * tables. A new domain adds a file under methods/ and one spread line here.
 */
export const methods = defineMethods({
  ...appMethods,
  ...settingsMethods,
  ...saleMethods,
  ...checkoutMethods,
  ...historyMethods,
  ...devicesMethods,
  ...trainingMethods,
  ...displayMethods,
  ...staffMethods,
  ...gatewayMethods,
  ...closeoutMethods,
  ...catalogMethods,
});

/** Events pushed from the core to every window. */
export const events = defineEvents({
  'status.changed': appStatusSchema,
  'settings.changed': settingsSchema,
  'devices.changed': devicesChangedSchema,
  scan: scanEventSchema,
  'catalog.scan': catalogScanEventSchema,
  'checkout.changed': checkoutStateSchema,
  ...paymentEvents,
});

/**
 * The events a display-role window hears: what it draws, the shop's settings
 * and the status line. Scans, the checkout state and payment events carry
 * the full wallet payment code and the cashier's work; a customer-facing
 * screen never receives them (issue 14 point 7).
 */
const DISPLAY_EVENTS: ReadonlySet<string> = new Set(['display.changed', 'settings.changed', 'status.changed']);

/** Whether an event is pushed to a window of `role`. */
export function eventReaches(role: WindowRole, event: EventName): boolean {
  return role === 'cashier' || DISPLAY_EVENTS.has(event);
}

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods & string;
export type EventName = keyof Events & string;
export type MethodInput<M extends MethodName> = InputOf<Methods[M]>;
export type MethodResult<M extends MethodName> = ResultOf<Methods[M]>;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** One handler per method; the main process must implement all of them. */
export type ContractHandlers = HandlersFor<Methods>;
/** One async function per method plus `on(event, listener)`. */
export type ContractClient = ClientFor<Methods, Events>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

/** Own-property lookup, so `constructor` or `__proto__` are never methods. */
export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
