import { beforeEach, describe, expect, it } from 'vitest';
import { cleanEntry, useCart } from '../../renderer/src/stores/cart-store.js';

const americano = { id: 'americano', name: '아메리카노', price: 4_500, tax: 'taxable' as const };
const cart = () => useCart.getState();

describe('the cart being rung up', () => {
  beforeEach(() => {
    cart().clear();
    cart().clearEntry();
  });

  it('keeps only digits in the amount field, without leading zeros, at most ten', () => {
    expect(cleanEntry('0050a0-0')).toBe('5000');
    expect(cleanEntry('12345678901234')).toBe('1234567890');
    expect(cleanEntry('007')).toBe('7');
  });

  it('uses a number typed before an item key as its quantity', () => {
    cart().typeKey('3');
    cart().addItem(americano);
    expect(cart().lines[0]).toMatchObject({ quantity: 3, unitPrice: 4_500 });
    expect(cart().entry).toBe('');
  });

  it('adds a typed amount as an open-price line on Enter', () => {
    cart().setEntry('12000');
    expect(cart().addEntryAsLine('상품')).toBe(true);
    expect(cart().lines[0]).toMatchObject({ name: '상품', unitPrice: 12_000, quantity: 1 });
    expect(cart().addEntryAsLine('상품')).toBe(false);
  });

  it('discounts the selected line or the whole sale, never above what it discounts', () => {
    cart().addItem(americano);
    cart().setEntry('9000');
    cart().applyDiscount('amount');
    expect(cart().lines[0]!.discount).toBe(4_500);
    cart().select(null);
    cart().setEntry('10');
    cart().applyDiscount('percent');
    expect(cart().saleDiscount).toBe(0); // 10 % of nothing left
  });

  it('refuses changes once a payment was taken, and bumps its version on every change', () => {
    cart().addItem(americano);
    const version = cart().version;
    cart().setLocked(true);
    cart().addItem(americano);
    cart().removeLine(cart().lines[0]!.id);
    expect(cart().lines).toHaveLength(1);
    expect(cart().version).toBe(version);
    cart().clear();
    expect(cart().version).toBeGreaterThan(version);
    expect(cart().locked).toBe(false);
  });
});
