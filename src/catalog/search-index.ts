/**
 * Search while typing, over every item in memory: by name (Korean, English,
 * Chinese; 초성 such as `ㅇㅁㄹ` for 아메리카노), by part of a barcode, by
 * price. One pass over flat strings per keystroke: 50,000 items take a few
 * milliseconds (bench/catalog.ts), no index to keep in step with edits.
 */
import { initialsOf, isInitialsQuery } from './hangul.js';
import type { Item } from './schemas.js';

interface Entry {
  item: Item;
  /** Names, lower case, spaces removed. */
  names: string;
  initials: string;
  codes: string;
}

/** What a search may be narrowed to. */
export interface SearchOptions {
  limit?: number;
  /** Settings list retired items too; the sale screen does not. */
  includeInactive?: boolean;
}

const squash = (text: string): string => text.toLowerCase().replace(/\s+/g, '');

/** The items of a catalog, searchable. */
export class SearchIndex {
  private entries: Entry[] = [];
  private readonly positions = new Map<string, number>();

  /** Replaces the whole index (start-up, after an import). */
  reset(items: readonly Item[]): void {
    this.entries = items.map(entryOf);
    this.positions.clear();
    this.entries.forEach((e, i) => this.positions.set(e.item.id, i));
  }

  /** Adds or replaces one item. */
  put(item: Item): void {
    const at = this.positions.get(item.id);
    if (at === undefined) {
      this.positions.set(item.id, this.entries.length);
      this.entries.push(entryOf(item));
    } else this.entries[at] = entryOf(item);
  }

  /**
   * Items matching `query`, best first: an exact barcode, then names that
   * start with it, then names, initials, barcodes or prices that contain it.
   */
  search(query: string, options: SearchOptions = {}): Item[] {
    const q = squash(query);
    const limit = options.limit ?? 50;
    if (q === '') return [];
    const initialsQuery = isInitialsQuery(q);
    const digits = /^\d+$/.test(q);
    const price = digits ? Number(q) : NaN;
    const exact: Item[] = [];
    const prefix: Item[] = [];
    const rest: Item[] = [];
    for (const e of this.entries) {
      if (!options.includeInactive && !e.item.active) continue;
      if (digits && e.item.barcodes.includes(q)) exact.push(e.item);
      else if (e.names.startsWith(q) || (initialsQuery && e.initials.startsWith(q))) prefix.push(e.item);
      else if (
        e.names.includes(q) ||
        (initialsQuery && e.initials.includes(q)) ||
        (digits && (e.item.price === price || e.codes.includes(q)))
      )
        rest.push(e.item);
      if (exact.length >= limit) break;
    }
    return [...exact, ...prefix, ...rest].slice(0, limit);
  }
}

function entryOf(item: Item): Entry {
  const names = [item.name, item.nameEn ?? '', item.nameZh ?? ''].join('\u0000');
  return { item, names: squash(names), initials: initialsOf(item.name), codes: item.barcodes.join(' ') };
}
