import type { Amount } from '../src/relay/protocol.js';

/** An amount as the protocol carries it: `{currency, value}`, the value in minor units as a string (KRW: won). */
export function protocolAmount(currency: string, minor: number): Amount {
  return { currency, value: String(minor) };
}

/** The payer's side of a cross-border payment, refund or statement line; undefined for a KRW payer. */
export function customerAmountOf(
  minor: number | null,
  currency: string | null,
): Amount | undefined {
  return minor !== null && currency ? protocolAmount(currency, minor) : undefined;
}
