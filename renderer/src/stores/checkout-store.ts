import { create } from 'zustand';
import type { CheckoutStateView } from '../../../src/api/schemas/checkout.js';
import type { CatalogItem } from '../../../src/api/schemas/catalog.js';
import { ContractError } from '../../../src/api/errors.js';
import { pos } from '../client.js';

/** The longest amount the entry field takes: ₩9,999,999,999. */
const MAX_ENTRY_DIGITS = 10;

/**
 * The sale screen's view of the till's checkout session (src/payments/
 * checkout-session.ts): the session's published state, plus what is only
 * the screen's own: the digits being typed and the selected line. Every
 * change of the sale is a command to the core; a refusal (a line change
 * while a payment is in flight) comes back as a ContractError.
 */
export interface CheckoutStore {
  /** The session's state as last published (null until the first arrives). */
  session: CheckoutStateView | null;
  /** Digits typed on the keypad (physical or touch), not yet used. */
  entry: string;
  selectedId: string | null;
  /** Takes a published state unless it or a newer one is already shown. */
  receive(state: CheckoutStateView): void;
  typeKey(key: string): void;
  backspace(): void;
  setEntry(value: string): void;
  clearEntry(): void;
  select(id: string | null): void;
  /** Adds the typed amount as an open-price line; false when nothing was typed. */
  addEntryAsLine(name: string): Promise<boolean>;
  /** Adds an open-price line; over the till's limit the core refuses it (OpenPriceOverLimit) until `confirmed`. */
  addOpenPrice(name: string, amount: number, confirmed?: boolean): Promise<void>;
  /** Adds an item; a number typed first is its quantity. */
  addItem(item: Pick<CatalogItem, 'id' | 'name' | 'price' | 'tax'>): Promise<void>;
  changeQuantity(lineId: string, delta: number): Promise<void>;
  removeLine(lineId: string): Promise<void>;
  /** The typed number as a discount on the selected line, or on the sale when none is selected; false when nothing was typed. */
  applyDiscount(kind: 'amount' | 'percent'): Promise<boolean>;
}

/** The core refused an open-price line over the till's limit: the cashier confirms the amount, or not. */
export class OpenPriceOverLimit extends Error {
  constructor(
    readonly lineName: string,
    readonly amount: number,
  ) {
    super(`open price ${amount} over the limit`);
  }
}

/** Keeps digits only, without leading zeros, and at most MAX_ENTRY_DIGITS of them. */
export function cleanEntry(value: string): string {
  return value.replace(/\D/g, '').replace(/^0+(?=\d)/, '').slice(0, MAX_ENTRY_DIGITS);
}

export const useCheckout = create<CheckoutStore>()((set, get) => {
  const takeEntry = (): number => {
    const value = Number(get().entry || '0');
    set({ entry: '' });
    return value;
  };
  const selectLast = (state: CheckoutStateView): void => set({ selectedId: state.lines.at(-1)?.lineId ?? null });
  return {
    session: null,
    entry: '',
    selectedId: null,
    receive: (state) => {
      const shown = get().session;
      // The command's answer and the session's event carry the same state: the second is dropped.
      if (shown && shown.cartId === state.cartId && shown.version >= state.version) return;
      const selectedId = get().selectedId;
      set({ session: state, ...(selectedId && !state.lines.some((l) => l.lineId === selectedId) ? { selectedId: state.lines.at(-1)?.lineId ?? null } : {}) });
    },
    typeKey: (key) => set((s) => ({ entry: cleanEntry(s.entry + key) })),
    backspace: () => set((s) => ({ entry: s.entry.slice(0, -1) })),
    setEntry: (value) => set({ entry: cleanEntry(value) }),
    clearEntry: () => set({ entry: '' }),
    select: (id) => set({ selectedId: id }),
    addEntryAsLine: async (name) => {
      const amount = Number(get().entry || '0');
      if (amount <= 0) return false;
      takeEntry();
      await get().addOpenPrice(name, amount);
      return true;
    },
    addOpenPrice: async (name, amount, confirmed) => {
      try {
        const state = await pos()['checkout.addLine']({ name, unitPrice: amount, quantity: 1, tax: 'taxable', ...(confirmed ? { confirmed: true } : {}) });
        get().receive(state);
        selectLast(state);
      } catch (error) {
        if (error instanceof ContractError && error.code === 'open-price-over-limit') throw new OpenPriceOverLimit(name, amount);
        throw error;
      }
    },
    addItem: async (item) => {
      const quantity = Math.min(999, Math.max(1, takeEntry() || 1));
      const state = await pos()['checkout.addLine']({ itemId: item.id, name: item.name, unitPrice: item.price, quantity, tax: item.tax });
      get().receive(state);
      selectLast(state);
    },
    changeQuantity: async (lineId, delta) => {
      const line = get().session?.lines.find((l) => l.lineId === lineId);
      if (!line) return;
      get().receive(await pos()['checkout.setQuantity']({ lineId, quantity: Math.min(100_000, Math.max(1, line.quantity + delta)) }));
    },
    removeLine: async (lineId) => {
      get().receive(await pos()['checkout.removeLine']({ lineId }));
    },
    applyDiscount: async (kind) => {
      if (!get().entry) return false;
      const value = takeEntry();
      const { selectedId } = get();
      get().receive(await pos()['checkout.discount']({ kind, value, ...(selectedId ? { lineId: selectedId } : {}) }));
      return true;
    },
  };
});
