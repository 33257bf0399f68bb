import { z } from 'zod';

/**
 * What a PIN must be (issue 14, "PINs that resist"): 4 to 8 digits for a
 * cashier or manager, at least 6 for an owner, whose PIN changes where the
 * money goes (gateway registration, staff). The first-start owner PIN 0000
 * must be changed before the till goes live or registers with a gateway.
 * This file is the one definition: the contract's schemas, the staff list and
 * the PIN checks all use it (it is pure, so the renderer's bundle may carry it).
 */
export const OWNER_PIN_MIN_DIGITS = 6;

const PIN_PATTERN = /^\d{4,8}$/;

/** A PIN as typed at the till: 4 to 8 digits. */
export const pinSchema = z.string().regex(PIN_PATTERN, 'a PIN is 4 to 8 digits');

/** True when `pin` has the shape of a PIN (4 to 8 digits). */
export function isPinFormat(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

/** True when `pin` may be an owner's PIN. */
export function ownerPinAllowed(pin: string): boolean {
  return /^\d+$/.test(pin) && pin.length >= OWNER_PIN_MIN_DIGITS;
}
