/** Whether a line carries Korean VAT (부가세) or is exempt (면세, e.g. fresh produce). */
export type TaxClass = 'taxable' | 'tax-free';

/** An amount (VAT included, as Korean shelf prices are) with its tax class. */
export interface TaxedAmount {
  tax: TaxClass;
  /** Minor units, VAT included. Negative for refunds. */
  amount: number;
}

/** The split a Korean receipt prints: 공급가액 + 부가세 + 면세 = 합계. */
export interface VatSplit {
  /** 공급가액: taxable amounts without VAT. */
  supply: number;
  /** 부가세: the VAT on the taxable amounts. */
  vat: number;
  /** 면세: the tax-free amounts. */
  taxFree: number;
  /** 합계: everything, VAT included. Always supply + vat + taxFree. */
  total: number;
}

/** Korean VAT is 10% of the supply value, so supply = gross × 10/11. */
const VAT_DENOMINATOR = 11;

function roundHalfAwayFromZero(numerator: number, denominator: number): number {
  const sign = numerator < 0 ? -1 : 1;
  const abs = Math.abs(numerator);
  return sign * Math.floor((2 * abs + denominator) / (2 * denominator));
}

/**
 * Splits VAT-inclusive amounts into supply value, VAT and tax-free parts.
 * The VAT is computed once on the taxable total (not per line, which drifts by
 * a won per line) and the supply value is the remainder, so the three parts
 * always add back to the total exactly.
 */
export function splitVat(amounts: readonly TaxedAmount[]): VatSplit {
  let taxable = 0;
  let taxFree = 0;
  for (const { tax, amount } of amounts) {
    if (!Number.isSafeInteger(amount)) throw new RangeError(`amount ${amount} is not whole minor units`);
    if (tax === 'taxable') taxable += amount;
    else taxFree += amount;
  }
  const supply = roundHalfAwayFromZero(taxable * 10, VAT_DENOMINATOR);
  const vat = taxable - supply;
  return { supply, vat, taxFree, total: taxable + taxFree };
}
