/**
 * Search while typing (issue 17 point 4: under 5 ms a keystroke with 50,000
 * items): by name (Korean, English, Chinese; 초성 such as `ㅇㅁㄹ` for
 * 아메리카노), by part of a barcode, by price. A name (or 초성) that starts
 * with the query is read from a bucket of the items whose text starts with
 * the same one or two characters. "Contains" reads one long string per kind
 * of text, with a separator before each item, by a few `indexOf` runs that
 * stop once enough items are found; a digit query reads only the digit runs
 * of the names, a short one-byte string (digits are everywhere in names, and
 * a miss over all the names took 2 ms). Nothing of "contains" runs when the
 * barcode and the starts already fill the list. The strings, buckets and
 * price lists are built again lazily after an edit.
 */
import { initialsOf, isInitialsQuery } from './hangul.js';
import type { SearchRow } from './item-rows.js';
import type { Item } from './schemas.js';

/** What a search may be narrowed to. */
export interface SearchOptions {
  limit?: number;
  /** Settings list retired items too; the sale screen does not. */
  includeInactive?: boolean;
}

/** Before each item's text in the joined strings; never in a query (control characters are dropped). */
const START = '\u0001';

// Lower case, no spaces or control characters: 바나나 1 and 바나나1 find the same.
// eslint-disable-next-line no-control-regex
const squash = (text: string): string => text.toLowerCase().replace(/[\s\u0000-\u001f]+/g, '');

/** The joined form of one kind of text, with where each item's part starts. */
interface Joined {
  text: string;
  starts: Int32Array;
}

/** What a search reads, built from the per-item arrays on the first search after a change. */
interface Prepared {
  names: Joined;
  /** The digit runs of each item's names (a digit query can only match inside one). */
  nameDigits: Joined;
  initials: Joined;
  codes: Joined;
  nameStarts: Starts;
  initialStarts: Starts;
  /** The items at each price, in position order. */
  prices: Map<number, number[]>;
}

/** The items of a catalog, searchable; answers item ids, best first. */
export class SearchIndex {
  private ids: string[] = [];
  private names: string[] = [];
  private initials: string[] = [];
  private codes: string[] = [];
  private prices: number[] = [];
  private active: boolean[] = [];
  private readonly positions = new Map<string, number>();
  private readonly barcodes = new Map<string, number>();
  private prepared: Prepared | null = null;

  /** Replaces the whole index (its first use, after an import). */
  reset(rows: readonly SearchRow[]): void {
    this.ids = [];
    this.names = [];
    this.initials = [];
    this.codes = [];
    this.prices = [];
    this.active = [];
    this.positions.clear();
    this.barcodes.clear();
    for (const row of rows) this.put(row);
  }

  /** Adds or replaces one item. */
  put([id, name, nameEn, nameZh, price, active, codes]: SearchRow): void {
    let at = this.positions.get(id);
    if (at === undefined) {
      at = this.ids.length;
      this.positions.set(id, at);
      this.ids.push(id);
    } else for (const code of this.codes[at]!.split(' ')) if (this.barcodes.get(code) === at) this.barcodes.delete(code);
    // Each language squashed apart and kept apart (\u0000), so a query never runs from one name into the next.
    this.names[at] = [name, nameEn ?? '', nameZh ?? ''].map(squash).join('\u0000');
    this.initials[at] = initialsOf(name);
    this.codes[at] = codes ?? '';
    this.prices[at] = price;
    this.active[at] = active === 1;
    for (const code of codes?.split(' ') ?? []) this.barcodes.set(code, at);
    this.prepared = null;
  }

  /**
   * The ids of the items matching `query`, best first: an exact barcode,
   * then names (or 초성) that start with it, then names, 초성, barcodes or
   * prices that contain it; within each, in the order the items were added.
   */
  search(query: string, options: SearchOptions = {}): string[] {
    const q = squash(query);
    const limit = options.limit ?? 50;
    if (q === '' || limit <= 0) return [];
    const index = this.built();
    const active = this.active;
    const usable = options.includeInactive === true ? () => true : (i: number) => active[i]!;
    const initialsQuery = isInitialsQuery(q);
    const digits = /^\d+$/.test(q);

    const exactAt = digits ? this.barcodes.get(q) : undefined;
    const exact = exactAt !== undefined && usable(exactAt) ? [exactAt] : [];
    const taken = new Set(exact);
    const prefix = pick(
      [index.nameStarts.find(q, limit, usable), initialsQuery ? index.initialStarts.find(q, limit, usable) : []],
      taken,
      limit - exact.length,
    );
    const left = limit - exact.length - prefix.length;
    if (left <= 0) return [...exact, ...prefix].map((i) => this.ids[i]!);
    // Enough candidates of each kind that the ones already taken cannot leave the list short.
    const want = limit + taken.size;
    const contains = pick(
      [
        occurrences(digits ? index.nameDigits : index.names, q, want, usable),
        initialsQuery ? occurrences(index.initials, q, want, usable) : [],
        digits ? occurrences(index.codes, q, want, usable) : [],
        digits ? firstUsable(index.prices.get(Number(q)), want, usable) : [],
      ],
      taken,
      left,
    );
    return [...exact, ...prefix, ...contains].map((i) => this.ids[i]!);
  }

  /** Builds what search reads now if an edit left it stale (the first search would otherwise). */
  prepare(): void {
    this.built();
  }

  private built(): Prepared {
    if (this.prepared) return this.prepared;
    const prices = new Map<number, number[]>();
    this.prices.forEach((price, i) => {
      const list = prices.get(price);
      if (list) list.push(i);
      else prices.set(price, [i]);
    });
    this.prepared = {
      names: join(this.names),
      nameDigits: join(this.names.map((name) => name.match(/\d+/g)?.join(' ') ?? '')),
      initials: join(this.initials),
      codes: join(this.codes),
      nameStarts: new Starts(this.names),
      initialStarts: new Starts(this.initials),
      prices,
    };
    return this.prepared;
  }
}

/**
 * The items by the first one and the first two characters of a text, in
 * position order: the items whose text starts with a query are all in one
 * bucket, so a query that starts no text costs a map lookup, not a pass.
 */
class Starts {
  private readonly one = new Map<string, number[]>();
  private readonly two = new Map<string, number[]>();

  constructor(private readonly texts: readonly string[]) {
    texts.forEach((text, i) => {
      if (text.length >= 1) bucketOf(this.one, text.slice(0, 1)).push(i);
      if (text.length >= 2) bucketOf(this.two, text.slice(0, 2)).push(i);
    });
  }

  /** The first `want` usable items (by position) whose text starts with `q` (not empty). */
  find(q: string, want: number, usable: (i: number) => boolean): number[] {
    const bucket = (q.length === 1 ? this.one : this.two).get(q.slice(0, 2));
    const found: number[] = [];
    if (!bucket) return found;
    for (let k = 0; k < bucket.length && found.length < want; k++) {
      const i = bucket[k]!;
      if (this.texts[i]!.startsWith(q) && usable(i)) found.push(i);
    }
    return found;
  }
}

function bucketOf(buckets: Map<string, number[]>, key: string): number[] {
  let bucket = buckets.get(key);
  if (!bucket) buckets.set(key, (bucket = []));
  return bucket;
}

/** The first `want` usable items of a list in position order. */
function firstUsable(list: readonly number[] | undefined, want: number, usable: (i: number) => boolean): number[] {
  const found: number[] = [];
  for (let k = 0; list && k < list.length && found.length < want; k++) if (usable(list[k]!)) found.push(list[k]!);
  return found;
}

/** An item as the index reads it (the shape `ItemRows.searchRows` answers). */
export function searchRowOf(item: Item): SearchRow {
  return [item.id, item.name, item.nameEn ?? null, item.nameZh ?? null, item.price, item.active ? 1 : 0, item.barcodes.join(' ') || null];
}

function join(parts: readonly string[]): Joined {
  const starts = new Int32Array(parts.length + 1);
  let at = 0;
  parts.forEach((part, i) => {
    starts[i] = at;
    at += START.length + part.length;
  });
  starts[parts.length] = at;
  return { text: START + parts.join(START), starts };
}

/** The first `want` usable items (by position) whose text contains `needle`. */
function occurrences({ text, starts }: Joined, needle: string, want: number, usable: (i: number) => boolean): number[] {
  const found: number[] = [];
  let from = 0;
  while (found.length < want) {
    const at = text.indexOf(needle, from);
    if (at < 0) break;
    const item = itemAt(starts, at);
    if (usable(item)) found.push(item);
    from = starts[item + 1]!;
  }
  return found;
}

/** The item whose part of the joined text holds position `at` (binary search over the starts). */
function itemAt(starts: Int32Array, at: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The first `count` items (by position) found by any of the lists, leaving out and adding to `taken`. */
function pick(lists: readonly number[][], taken: Set<number>, count: number): number[] {
  const merged = [...new Set(lists.flat())].filter((i) => !taken.has(i)).sort((a, b) => a - b).slice(0, Math.max(0, count));
  for (const i of merged) taken.add(i);
  return merged;
}
