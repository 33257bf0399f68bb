import { z } from 'zod';
import { type CartBody, type CheckoutLine, cartBodySchema, cartLineSchema } from './checkout-cart.js';

/**
 * One change of the open cart as the journal keeps it (`checkout.cart-change`
 * rows, after the cart's `checkout.cart` snapshot): the lines added or
 * changed, the lines taken out, and the cart's few figures as they are after
 * it. Issue 17: a scan on a 200-line sale journaled the whole cart with a disk
 * sync (about 2 ms of CPU and 5 ms of wall time per scan, and a journal that
 * grows with the square of the sale); the change is one line.
 */
export const cartChangeBodySchema = cartBodySchema.pick({ cartId: true, saleDiscount: true, nextLine: true, saleId: true }).extend({
  /** Lines added (appended) or changed (replaced where they stand), by `lineId`. */
  lines: z.array(cartLineSchema).max(500),
  /** The `lineId`s taken out of the cart. */
  removed: z.array(z.string().min(1).max(32)).max(500),
});
export type CartChangeBody = z.infer<typeof cartChangeBodySchema>;

/**
 * What changed from `before` to `after`, or null when replaying the change
 * onto `before` would not give `after` exactly (lines reordered, another
 * cart): the caller then journals a whole snapshot. The cart functions keep
 * an unchanged line's object, so a line is new or changed when its object is.
 */
export function cartChange(before: CartBody, after: CartBody): CartChangeBody | null {
  if (before.cartId !== after.cartId) return null;
  const known = new Map(before.lines.map((l) => [l.lineId, l]));
  const kept = new Set(after.lines.map((l) => l.lineId));
  const change: CartChangeBody = {
    cartId: after.cartId,
    saleDiscount: after.saleDiscount,
    nextLine: after.nextLine,
    saleId: after.saleId,
    lines: after.lines.filter((l) => known.get(l.lineId) !== l),
    removed: before.lines.filter((l) => !kept.has(l.lineId)).map((l) => l.lineId),
  };
  const replayed = applyCartChange(before, change);
  return replayed.lines.length === after.lines.length && replayed.lines.every((l, i) => l === after.lines[i]) ? change : null;
}

/** The cart after one journaled change (a restart replays them in journal order onto the snapshot). */
export function applyCartChange(cart: CartBody, change: CartChangeBody): CartBody {
  const removed = new Set(change.removed);
  const changed = new Map<string, CheckoutLine>(change.lines.map((l) => [l.lineId, l]));
  const lines = cart.lines.filter((l) => !removed.has(l.lineId)).map((l) => changed.get(l.lineId) ?? l);
  const present = new Set(lines.map((l) => l.lineId));
  for (const line of change.lines) if (!present.has(line.lineId)) lines.push(line);
  return { cartId: cart.cartId, lines, saleDiscount: change.saleDiscount, nextLine: change.nextLine, saleId: change.saleId };
}
