import { describe, expect, it } from 'vitest';
import { type Item, initialsOf, isInitialsQuery } from '../../src/catalog/index.js';
import { SearchIndex } from '../../src/catalog/search-index.js';

const item = (id: string, name: string, price: number, barcodes: string[] = [], extra: Partial<Item> = {}): Item => ({
  id, name, price, tax: 'taxable', category: '', barcodes, stock: null, active: true, ...extra,
});

const index = new SearchIndex();
index.reset([
  item('a', '아메리카노', 4500, [], { nameEn: 'Americano' }),
  item('b', '아이스 아메리카노', 5000),
  item('c', '카페라떼', 5000, [], { nameZh: '拿铁' }),
  item('d', '새우깡', 1500, ['8801043012348']),
  item('e', '생수 500ml', 1000, ['8809000000008']),
  item('f', '옛날 과자', 2000, [], { active: false }),
]);
const ids = (query: string, includeInactive = false) => index.search(query, { includeInactive }).map((i) => i.id);

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
    index.put(item('g', '아몬드 라떼', 5500));
    expect(ids('ㅇㅁㄷ')).toEqual(['g']);
  });
});
