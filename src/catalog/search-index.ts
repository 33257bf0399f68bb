/**
 * Search while typing (issue 17 point 4: under 5 ms a keystroke with 50,000
 * items): by name (Korean, English, Chinese; 초성 such as `ㅇㅁㄹ` for
 * 아메리카노), by part of a barcode, by price. Each kind of text is one long
 * string with a separator before each item, so a keystroke is a few
 * `indexOf` runs that stop once enough items are found (a name's start is the
 * separator followed by the query), not a pass over 50,000 objects. The
 * strings are joined again lazily after an edit.
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
  private joined: { names: Joined; initials: Joined; codes: Joined } | null = null;

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
    this.joined = null;
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
    const joined = this.prepare();
    const usable = (i: number): boolean => options.includeInactive === true || this.active[i]!;
    const initialsQuery = isInitialsQuery(q);
    const digits = /^\d+$/.test(q);

    const exact = digits ? [this.barcodes.get(q)].filter((i): i is number => i !== undefined && usable(i)) : [];
    const taken = new Set(exact);
    const prefix = pick(
      [occurrences(joined.names, START + q, limit, usable), initialsQuery ? occurrences(joined.initials, START + q, limit, usable) : []],
      taken,
      limit - exact.length,
    );
    // Enough candidates of each kind that the ones already taken cannot leave the list short.
    const want = limit + taken.size;
    const contains = pick(
      [
        occurrences(joined.names, q, want, usable),
        initialsQuery ? occurrences(joined.initials, q, want, usable) : [],
        digits ? occurrences(joined.codes, q, want, usable) : [],
        digits ? this.pricedAt(Number(q), want, usable) : [],
      ],
      taken,
      limit - exact.length - prefix.length,
    );
    return [...exact, ...prefix, ...contains].map((i) => this.ids[i]!);
  }

  /** Joins the texts now if an edit left them apart (the first search would otherwise). */
  prepare(): { names: Joined; initials: Joined; codes: Joined } {
    return (this.joined ??= { names: join(this.names), initials: join(this.initials), codes: join(this.codes) });
  }

  private pricedAt(price: number, want: number, usable: (i: number) => boolean): number[] {
    const found: number[] = [];
    for (let i = 0; i < this.prices.length && found.length < want; i++) if (this.prices[i] === price && usable(i)) found.push(i);
    return found;
  }
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
