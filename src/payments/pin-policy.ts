/**
 * What a PIN must be (issue 14, "PINs that resist"): 4 to 8 digits for a
 * cashier or manager, at least 6 for an owner, whose PIN changes where the
 * money goes (gateway registration, staff). The first-start owner PIN 0000
 * must be changed before the till goes live or registers with a gateway.
 */
export const OWNER_PIN_MIN_DIGITS = 6;

/** True when `pin` may be an owner's PIN. */
export function ownerPinAllowed(pin: string): boolean {
  return /^\d+$/.test(pin) && pin.length >= OWNER_PIN_MIN_DIGITS;
}
