import type { Logger } from '../platform/logger.js';
import { applyCartChange, cartChange, cartChangeBodySchema } from './cart-changes.js';
import { type CartBody, cartBodySchema } from './checkout-cart.js';
import type { PaymentStore } from './payment-store.js';

/** The journal kind of a cart's snapshot: the whole cart, written when it starts. */
export const CART_RECORD_KIND = 'checkout.cart';
/** The journal kind of one change of the cart after its snapshot. */
export const CART_CHANGE_KIND = 'checkout.cart-change';

/**
 * The open cart in the journal, so a till restarted mid-sale shows the same
 * cart: a snapshot when a cart starts, then one small row per change, never
 * the whole cart again (issue 17's scan-to-paint figure: a scan on a 200-line
 * sale journaled 24 KB with a disk sync). A scan's line is journaled just
 * after the screens were told (`saveSoon`), off the path to the painted line:
 * the disk sync alone took 8 ms at a load of 20. A burst of changes is one row.
 */
export class CartJournal {
  /** The cart as the journal has it now (written or restored), which the next change is taken from. */
  private last: CartBody | null = null;
  /** The cart `saveSoon` will journal, if a write is due. */
  private pending: CartBody | null = null;

  constructor(
    private readonly store: Pick<PaymentStore, 'write' | 'ledger' | 'sale'>,
    private readonly logger: Logger,
  ) {}

  /** Journals `cart` now: as its change from the cart journaled last when it can be, else whole. */
  save(cart: CartBody): void {
    this.pending = null;
    const change = this.last ? cartChange(this.last, cart) : null;
    if (change) this.store.write(CART_CHANGE_KIND, cart.cartId, change);
    else this.store.write(CART_RECORD_KIND, cart.cartId, cart);
    this.last = cart;
  }

  /**
   * Journals `cart` once the current task is over, with whatever changes
   * follow it in the same task. Should the write fail (a full disk past its
   * reserve), the next save journals the change from the last cart written,
   * which includes this one.
   */
  saveSoon(cart: CartBody): void {
    if (this.pending === null) setImmediate(() => this.flush());
    this.pending = cart;
  }

  /** Journals a cart `saveSoon` left pending now (the till is closing, or the cart is about to be paid). */
  flush(): void {
    const cart = this.pending;
    if (!cart) return;
    try {
      this.save(cart);
    } catch (err) {
      this.logger.error({ err, cartId: cart.cartId }, 'the cart could not be journaled: a restart now would show it as it was before');
    }
  }

  /**
   * The cart the journal last recorded (its snapshot with every later change
   * replayed), unless its sale is over or it cannot be read: then null.
   */
  restore(): CartBody | null {
    const { journal } = this.store.ledger;
    const snapshot = journal.latestOfKind(CART_RECORD_KIND);
    if (!snapshot) return null;
    const parsed = cartBodySchema.safeParse(snapshot.body);
    if (!parsed.success) return this.unreadable(snapshot.seq);
    let cart = parsed.data;
    for (const record of journal.forAggregate(cart.cartId)) {
      if (record.kind !== CART_CHANGE_KIND || record.seq < snapshot.seq) continue;
      const change = cartChangeBodySchema.safeParse(record.body);
      if (!change.success) return this.unreadable(record.seq);
      cart = applyCartChange(cart, change.data);
    }
    if (cart.saleId && this.store.sale(cart.saleId)?.state !== 'open') return null;
    this.last = cart;
    return cart;
  }

  private unreadable(seq: number): null {
    this.logger.warn({ seq }, 'the journaled cart is unreadable: starting an empty one');
    return null;
  }
}
