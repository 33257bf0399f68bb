import { create } from 'zustand';
import type { CatalogItem, ScannedLineView } from '../../../src/api/schemas/catalog.js';
import { type CartLine, lineAmount, percentOf } from '../sale/cart-math.js';

/** The longest amount the entry field takes: ₩9,999,999,999. */
const MAX_ENTRY_DIGITS = 10;
let nextLineId = 1;

export interface CartState {
  lines: CartLine[];
  /** Digits typed on the keypad (physical or touch), not yet used. */
  entry: string;
  selectedId: string | null;
  saleDiscount: number;
  /** Bumped on every change of lines or discounts: a journaled sale is for one version. */
  version: number;
  /** A payment was taken: lines can no longer change (void it in the history first). */
  locked: boolean;
  typeKey(key: string): void;
  backspace(): void;
  setEntry(value: string): void;
  clearEntry(): void;
  /** Adds the typed amount as an open-price line. */
  addEntryAsLine(name: string): boolean;
  /** Adds an item at its price now (a later price change never alters the line); a number typed first is its quantity. */
  addItem(item: Pick<CatalogItem, 'id' | 'name' | 'price' | 'tax'>): void;
  /** Adds the line a scanned product gave: one piece, or the weight on its scale label. */
  addScannedLine(line: ScannedLineView): void;
  select(id: string | null): void;
  changeQuantity(id: string, delta: number): void;
  removeLine(id: string): void;
  /** The typed number as a discount on the selected line, or on the sale when none is selected. */
  applyDiscount(kind: 'amount' | 'percent'): boolean;
  setLocked(locked: boolean): void;
  clear(): void;
}

/** Keeps digits only, without leading zeros, and at most MAX_ENTRY_DIGITS of them. */
export function cleanEntry(value: string): string {
  return value.replace(/\D/g, '').replace(/^0+(?=\d)/, '').slice(0, MAX_ENTRY_DIGITS);
}

export const useCart = create<CartState>()((set, get) => {
  const changeLines = (lines: CartLine[], extra: Partial<CartState> = {}): void => {
    if (get().locked) return;
    set((s) => ({ lines, version: s.version + 1, ...extra }));
  };
  const takeEntry = (): number => {
    const value = Number(get().entry || '0');
    set({ entry: '' });
    return value;
  };
  return {
    lines: [],
    entry: '',
    selectedId: null,
    saleDiscount: 0,
    version: 0,
    locked: false,
    typeKey: (key) => set((s) => ({ entry: cleanEntry(s.entry + key) })),
    backspace: () => set((s) => ({ entry: s.entry.slice(0, -1) })),
    setEntry: (value) => set({ entry: cleanEntry(value) }),
    clearEntry: () => set({ entry: '' }),
    addEntryAsLine: (name) => {
      const amount = Number(get().entry || '0');
      if (amount <= 0 || get().locked) return false;
      takeEntry();
      const line: CartLine = { id: `l${nextLineId++}`, name, unitPrice: amount, quantity: 1, tax: 'taxable', discount: 0 };
      changeLines([...get().lines, line], { selectedId: line.id });
      return true;
    },
    addItem: (item) => {
      if (get().locked) return;
      const quantity = Math.min(999, Math.max(1, takeEntry() || 1));
      const line: CartLine = { id: `l${nextLineId++}`, name: item.name, unitPrice: item.price, quantity, tax: item.tax, discount: 0, itemId: item.id };
      changeLines([...get().lines, line], { selectedId: line.id });
    },
    addScannedLine: (scanned) => {
      if (get().locked) return;
      // A weighed line is one piece at the label's price; a typed number is the quantity of anything else.
      const quantity = scanned.weightGrams === undefined ? Math.min(999, Math.max(1, takeEntry() || 1)) : 1;
      const line: CartLine = {
        id: `l${nextLineId++}`,
        name: scanned.name,
        unitPrice: scanned.unitPrice,
        quantity,
        tax: scanned.tax,
        discount: 0,
        itemId: scanned.itemId,
        ...(scanned.weightGrams === undefined ? {} : { weightGrams: scanned.weightGrams }),
      };
      changeLines([...get().lines, line], { selectedId: line.id });
    },
    select: (id) => set({ selectedId: id }),
    changeQuantity: (id, delta) =>
      changeLines(
        get().lines.map((l) => {
          if (l.id !== id) return l;
          const quantity = Math.min(100_000, Math.max(1, l.quantity + delta));
          return { ...l, quantity, discount: Math.min(l.discount, l.unitPrice * quantity) };
        }),
      ),
    removeLine: (id) => {
      const lines = get().lines.filter((l) => l.id !== id);
      changeLines(lines, { selectedId: lines.at(-1)?.id ?? null, saleDiscount: lines.length ? get().saleDiscount : 0 });
    },
    applyDiscount: (kind) => {
      const { lines, selectedId, locked } = get();
      if (locked || lines.length === 0) return false;
      const value = takeEntry();
      const target = lines.find((l) => l.id === selectedId);
      if (target) {
        const gross = target.unitPrice * target.quantity;
        const discount = Math.min(gross, kind === 'percent' ? percentOf(gross, value) : value);
        changeLines(lines.map((l) => (l === target ? { ...l, discount } : l)));
      } else {
        const subtotal = lines.reduce((a, l) => a + lineAmount(l), 0);
        changeLines(lines, { saleDiscount: Math.min(subtotal, kind === 'percent' ? percentOf(subtotal, value) : value) });
      }
      return true;
    },
    setLocked: (locked) => set({ locked }),
    // The entry stays: the cashier may already be typing for the next customer.
    clear: () => set((s) => ({ lines: [], selectedId: null, saleDiscount: 0, locked: false, version: s.version + 1 })),
  };
});
