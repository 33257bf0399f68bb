/**
 * JSON with object keys sorted at every level, so the same content always
 * hashes the same whatever order a caller built it in. Only JSON values are
 * accepted: a function, symbol, bigint, NaN or Infinity in a journal body is a
 * programming error, not something to stringify silently.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot store non-finite number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    // One pass over sorted keys, no intermediate arrays of pairs: every journal
    // append runs this on its body (bench/journal-append.ts). Array.sort
    // compares UTF-16 code units, the order the chain has always used.
    const object = value as Record<string, unknown>;
    let out = '';
    for (const key of Object.keys(object).sort()) {
      const item = object[key];
      if (item === undefined) continue;
      out += `${out ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(item)}`;
    }
    return `{${out}}`;
  }
  throw new TypeError(`cannot store a ${typeof value} in the journal`);
}
