import { describe, expect, it } from 'vitest';
import { type Item, initialsOf, isInitialsQuery } from '../../src/catalog/index.js';
import { SearchIndex, searchRowOf } from '../../src/catalog/search-index.js';
import { catalogCsv } from '../../bench/lib/catalog-items.js';
import { readCatalogCsv } from '../../src/catalog/csv-format.js';

const item = (id: string, name: string, price: number, barcodes: string[] = [], extra: Partial<Item> = {}): Item => ({
  id, name, price, tax: 'taxable', category: '', barcodes, stock: null, active: true, ...extra,
});

const index = new SearchIndex();
const rows = (items: Item[]) => items.map(searchRowOf);
index.reset(rows([
  item('a', '아메리카노', 4500, [], { nameEn: 'Americano' }),
  item('b', '아이스 아메리카노', 5000),
  item('c', '카페라떼', 5000, [], { nameZh: '拿铁' }),
  item('d', '새우깡', 1500, ['8801043012348']),
  item('e', '생수 500ml', 1000, ['8809000000008']),
  item('f', '옛날 과자', 2000, [], { active: false }),
]));
const ids = (query: string, includeInactive = false) => index.search(query, { includeInactive });

describe('초성 search', () => {
  it('finds 아메리카노 by ㅇㅁㄹ, names starting with it first', () => {
    expect(ids('ㅇㅁㄹ')).toEqual(['a', 'b']);
    expect(ids('ㅋㅍ')).toEqual(['c']);
  });

  it('reads the initials of Hangul syllables only', () => {
    expect(initialsOf('생수 500ml')).toBe('ㅅㅅ');
    expect(isInitialsQuery('ㅇ ㅁ')).toBe(true);
    expect(isInitialsQuery('아ㅁ')).toBe(false);
  });
});

describe('search while typing', () => {
  it('finds by part of a name in Korean, English or Chinese, ignoring spaces and case', () => {
    expect(ids('아메')).toEqual(['a', 'b']);
    expect(ids('이스아메')).toEqual(['b']);
    expect(ids('americano')).toEqual(['a']);
    expect(ids('拿')).toEqual(['c']);
  });

  it('finds by a whole barcode first, by part of one, and by price', () => {
    expect(ids('8801043012348')).toEqual(['d']);
    expect(ids('0430')).toEqual(['d']);
    expect(ids('5000')).toEqual(['b', 'c']);
    expect(ids('500')).toEqual(['e']);
  });

  it('leaves retired items out unless asked', () => {
    expect(ids('과자')).toEqual([]);
    expect(ids('과자', true)).toEqual(['f']);
  });

  it('sees an item as soon as it is put', () => {
    index.put(searchRowOf(item('g', '아몬드 라떼', 5500)));
    expect(ids('ㅇㅁㄷ')).toEqual(['g']);
  });
});

describe('search over a shop-sized catalog', () => {
  // What the index must answer, said the plain way: one pass over every item, the three kinds in order.
  const texts = new Map<Item, { names: string[]; initials: string }>();
  function expected(items: Item[], query: string, limit: number): string[] {
    const q = query.toLowerCase().replace(/\s+/g, '');
    const initialsQuery = isInitialsQuery(q);
    const digits = /^\d+$/.test(q);
    const kinds: string[][] = [[], [], []];
    for (const i of items) {
      if (!i.active) continue;
      const { names, initials } = texts.get(i)!;
      if (digits && i.barcodes.includes(q)) kinds[0]!.push(i.id);
      else if (names[0]!.startsWith(q) || (initialsQuery && initials.startsWith(q))) kinds[1]!.push(i.id);
      else if (names.some((n) => n.includes(q)) || (initialsQuery && initials.includes(q)) || (digits && (i.price === Number(q) || i.barcodes.some((c) => c.includes(q))))) kinds[2]!.push(i.id);
    }
    return kinds.flat().slice(0, limit);
  }

  it('answers what one pass over every item would, for names, 초성, barcodes and prices, with or without a limit', () => {
    // Some with English names holding digits (a digit query reads the names' digit runs), some one syllable long.
    const items = readCatalogCsv(catalogCsv(3_000)).items.map((r, n) =>
      item(`i${n}`, n % 97 === 0 ? '빵' : r.name, r.price, r.barcodes, { active: n % 11 !== 0, ...(n % 5 === 0 ? { nameEn: `Pack ${n} x12` } : {}) }),
    );
    const textsOf = (i: Item) => ({ names: [i.name, i.nameEn ?? '', i.nameZh ?? ''].map((n) => n.toLowerCase().replace(/\s+/g, '')), initials: initialsOf(i.name) });
    for (const i of items) texts.set(i, textsOf(i));
    const big = new SearchIndex();
    big.reset(rows(items));
    const queries = ['ㅇ', 'ㅇㅁ', 'ㅇㅁㄹ', 'ㅂㄴ', '바', '바나나', '바나나 1', '나나', 'ml', '500', '8', '880', '8800000012', items[42]!.barcodes[0]!, '4500', '2입', '없는상품', '小', '빵', '빵小', 'pack', '12', 'x12', '1'];
    const check = () => {
      for (const query of queries)
        for (const limit of [1, 5, 30, 5_000]) expect(big.search(query, { limit }), `${query} (limit ${limit})`).toEqual(expected(items, query, limit));
    };
    check();
    // Edits after the index was read: renamed (to another first syllable), repriced, retired, a new item at the end.
    for (const n of [3, 40, 41, 500, 2_999]) {
      const edited = { ...items[n]!, name: `우유 ${n} 리필`, price: 4500, active: n !== 41 };
      texts.delete(items[n]!);
      texts.set(edited, textsOf(edited));
      items[n] = edited;
      big.put(searchRowOf(edited));
    }
    const added = item('new', '바나나 우유 12', 4500, ['8809999999996']);
    texts.set(added, textsOf(added));
    items.push(added);
    big.put(searchRowOf(added));
    check();
  });
});
