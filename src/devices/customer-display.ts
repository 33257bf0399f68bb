import { z } from 'zod';
import { currencyCodes } from '../money/currency.js';
import type { Money } from '../money/money.js';
import type { DeviceStatus } from './device-status.js';

/** Languages the customer display speaks: Korean shoppers, tourists from China, everyone else. */
export const displayLanguageSchema = z.enum(['ko', 'en', 'zh']);
export type DisplayLanguage = z.infer<typeof displayLanguageSchema>;

const moneySchema = z.object({
  currency: z.string().refine((code) => currencyCodes.includes(code), 'unknown currency'),
  minor: z.number().int(),
});

/** One line of the sale the customer watches being rung up. `amount` is the line total. */
export const displayItemSchema = z.object({
  name: z.string().min(1).max(200),
  quantity: z.number().int().positive(),
  amount: moneySchema,
});

const language = displayLanguageSchema;

/**
 * What the customer display shows. Validated where it crosses into a display
 * (the second window over IPC/WebSocket, a serial pole display).
 */
export const customerDisplayViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle'), language, shopName: z.string().max(100).optional() }),
  z.object({
    kind: z.literal('sale'),
    language,
    items: z.array(displayItemSchema).max(500),
    total: moneySchema,
  }),
  z.object({
    kind: z.literal('mpm'),
    language,
    /** The merchant-presented QR payload (EMV MPM or the gateway's order code), ≤ 512 characters. */
    qrPayload: z.string().min(1).max(512),
    amount: moneySchema,
    /** Clock time after which the code is no longer payable. */
    expiresAt: z.number().int(),
  }),
  z.object({
    kind: z.literal('result'),
    language,
    outcome: z.enum(['approved', 'declined', 'cancelled']),
    amount: moneySchema.optional(),
    /** Why, when it matters to the customer ('expired'). */
    reason: z.string().max(100).optional(),
  }),
]);

export type CustomerDisplayView = z.infer<typeof customerDisplayViewSchema>;
export type DisplayItem = z.infer<typeof displayItemSchema>;

/** The port the core needs from a customer display (second window or pole display). */
export interface CustomerDisplay {
  readonly deviceId: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Shows a view. A display that is unplugged keeps the latest view and shows
   * it when it is back; `show` does not fail for that (the sale must go on).
   */
  show(view: CustomerDisplayView): Promise<void>;
  status(): DeviceStatus;
  on(event: 'state', listener: (status: DeviceStatus) => void): () => void;
}

/** The display's state: what it shows and since when, and the shop name the idle screen greets with. */
export interface DisplayState {
  view: CustomerDisplayView;
  since: number;
  shopName?: string;
}

/** What happens at the counter, as far as the customer display cares. */
export type DisplayAction =
  | { type: 'language'; language: DisplayLanguage }
  | { type: 'idle'; shopName?: string }
  | { type: 'sale'; items: DisplayItem[]; total: Money }
  | { type: 'mpm'; qrPayload: string; amount: Money; expiresAt: number }
  | { type: 'result'; outcome: 'approved' | 'declined' | 'cancelled'; amount?: Money }
  | { type: 'tick' };

/** How long a payment result stays up before the display returns to idle. */
export const RESULT_HOLD_MS = 8000;

/** The state of a display that was just switched on. */
export function initialDisplayState(
  now: number,
  displayLanguage: DisplayLanguage = 'ko',
  shopName?: string,
): DisplayState {
  return {
    view: { kind: 'idle', language: displayLanguage, ...(shopName ? { shopName } : {}) },
    since: now,
    ...(shopName ? { shopName } : {}),
  };
}

/**
 * The customer display's reducer, shared by the second window and the pole
 * display so both show the same thing. `tick` (once a second) expires an MPM
 * code that was not paid in time and clears an old result.
 */
export function reduceDisplay(
  state: DisplayState,
  action: DisplayAction,
  now: number,
): DisplayState {
  const lang = state.view.language;
  const keep = state.shopName ? { shopName: state.shopName } : {};
  switch (action.type) {
    case 'language':
      return { ...state, view: { ...state.view, language: action.language } };
    case 'idle':
      return initialDisplayState(now, lang, action.shopName ?? state.shopName);
    case 'sale':
      return {
        view: { kind: 'sale', language: lang, items: action.items, total: action.total },
        since: now,
        ...keep,
      };
    case 'mpm':
      return {
        view: {
          kind: 'mpm',
          language: lang,
          qrPayload: action.qrPayload,
          amount: action.amount,
          expiresAt: action.expiresAt,
        },
        since: now,
        ...keep,
      };
    case 'result':
      return {
        view: {
          kind: 'result',
          language: lang,
          outcome: action.outcome,
          ...(action.amount ? { amount: action.amount } : {}),
        },
        since: now,
        ...keep,
      };
    case 'tick': {
      const view = state.view;
      if (view.kind === 'mpm' && now >= view.expiresAt) {
        return {
          view: {
            kind: 'result',
            language: lang,
            outcome: 'cancelled',
            amount: view.amount,
            reason: 'expired',
          },
          since: now,
          ...keep,
        };
      }
      if (view.kind === 'result' && now - state.since >= RESULT_HOLD_MS)
        return initialDisplayState(now, lang, state.shopName);
      return state;
    }
  }
}

/** Whole seconds left on an MPM code, for the countdown (0 once expired). */
export function secondsLeft(
  view: Extract<CustomerDisplayView, { kind: 'mpm' }>,
  now: number,
): number {
  return Math.max(0, Math.ceil((view.expiresAt - now) / 1000));
}
