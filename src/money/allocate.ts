/**
 * Splits an integer amount over weights in proportion, largest remainders
 * first, so the parts always add back to the amount exactly: for spreading a
 * sale discount over its lines, or a partial refund over tax classes.
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount ${amount} is not whole minor units`);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('weights must be non-negative integers');
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  if (totalWeight === 0) {
    if (amount !== 0 && weights.length === 0) throw new RangeError('nothing to allocate to');
    return weights.map((_, i) => (i === 0 ? amount : 0));
  }
  const sign = amount < 0 ? -1 : 1;
  const abs = Math.abs(amount);
  const shares = weights.map((w, index) => {
    const exact = abs * w;
    return { index, floor: Math.floor(exact / totalWeight), remainder: exact % totalWeight };
  });
  let left = abs - shares.reduce((a, s) => a + s.floor, 0);
  const result = shares.map((s) => s.floor);
  for (const s of [...shares].sort((a, b) => b.remainder - a.remainder || a.index - b.index)) {
    if (left === 0) break;
    result[s.index]! += 1;
    left--;
  }
  return result.map((r) => sign * r + 0);
}

/**
 * The share of `count` units, after the first `from`, of a line that came to
 * `lineTotal` for `quantity` units: the units' shares add back to the line
 * exactly (largest remainder), so a line returned unit by unit gives back to
 * the won what it was sold for, discounts included.
 */
export function unitsAmount(lineTotal: number, quantity: number, from: number, count: number): number {
  const shares = allocate(lineTotal, Array.from({ length: quantity }, () => 1));
  return shares.slice(from, from + count).reduce((a, b) => a + b, 0);
}
