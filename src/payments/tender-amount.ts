import { InvalidInputError, SaleStateError } from './errors.js';

/**
 * The amount a new tender takes: what the cashier typed, or everything due.
 * A tender can never take more than is due, so a sale can never be paid twice
 * over by two wallets (cash change is the cash tender's own business).
 */
export function checkedAmount(requested: number | undefined, due: number): number {
  if (due <= 0) throw new SaleStateError('nothing-due', 'Nothing is left to pay on this sale.');
  const amount = requested ?? due;
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new InvalidInputError('bad-amount', `The amount must be a whole positive number, not ${amount}.`);
  }
  if (amount > due) throw new InvalidInputError('amount-over-due', `Only ${due} is due on this sale, not ${amount}.`);
  return amount;
}
