import { describe, expect, it } from 'vitest';
import { type Item, routeScan } from '../../src/catalog/index.js';
import { DEFAULT_SCALE_FLAGS, withGs1CheckDigit } from '../../src/codes/index.js';
import { vector } from '../codes/mpm-vectors.js';

const item = (id: string, price: number, barcodes: string[], active = true): Item => ({
  id, name: id, price, tax: 'taxable', category: '', barcodes, stock: null, active,
});
const items = [
  item('crisps', 1500, ['8801043012348', '96385074']),
  item('upc', 3000, ['036000291452']),
  item('case', 36_000, ['10012345000017']),
  item('label', 2000, ['A-1001']),
  // A shop's long Code 128 label that happens to look like a wallet code: the catalog finds it first.
  item('long-label', 800, ['SHOPLABEL0001']),
  item('pork', 25_900, [withGs1CheckDigit('280004200000')]),
  item('salad', 0, [withGs1CheckDigit('210012300000')]),
  item('retired', 100, ['4006381333931'], false),
];
const byBarcode = new Map(items.flatMap((i) => i.barcodes.map((c) => [c, i] as const)));
const catalog = { byBarcode: (code: string) => byBarcode.get(code), scaleFlags: () => DEFAULT_SCALE_FLAGS };
const route = (code: string) => routeScan(code, catalog);

describe('routing a scan by its shape', () => {
  it.each([
    ['8801043012348', 'crisps'],
    ['96385074', 'crisps'],
    ['036000291452', 'upc'],
    ['10012345000017', 'case'],
    ['A-1001', 'label'],
    ['SHOPLABEL0001', 'long-label'],
  ])('%s adds %s at its catalog price', (code, id) => {
    const routed = route(`${code}\r\n`);
    expect(routed).toMatchObject({ kind: 'item', code, line: { item: { id }, unitPrice: items.find((i) => i.id === id)!.price } });
  });

  it('reads a price label: the item from its number, the price from the label', () => {
    expect(route(withGs1CheckDigit('210012304500'))).toMatchObject({ kind: 'item', line: { item: { id: 'salad' }, unitPrice: 4500 } });
  });

  it('reads a weight label: the weight from the label, the price per kg from the catalog', () => {
    expect(route(withGs1CheckDigit('280004200352'))).toMatchObject({ kind: 'item', line: { item: { id: 'pork' }, weightGrams: 352, unitPrice: 9117 } });
  });

  it.each(['8801234567893', '4006381333931', withGs1CheckDigit('210099904500'), 'B-2002'])(
    'calls a good product code the catalog does not sell an unknown product (%s), never a payment',
    (code) => {
      expect(route(code)).toEqual({ kind: 'unknown-product', code });
    },
  );

  it('asks for a rescan on a wrong check digit', () => {
    expect(route('8801043012345')).toMatchObject({ kind: 'bad-check-digit', message: expect.stringContaining('wrong check digit') });
  });

  it.each([
    ['134728953980228598', 'payment-code'],
    ['2810000000000000', 'payment-code'],
    ['6228376427820283746', 'payment-code'],
    ['ZP0123456789ABCDEF', 'payment-code'],
    ['hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=', 'emv-cpm'],
    [vector('PIX_BCB_static_FulanoDeTal'), 'emv-mpm'],
  ])('passes %s on as a payment (%s)', (code, format) => {
    expect(route(code)).toMatchObject({ kind: 'payment', scan: { format } });
  });

  it.each(['hello', '12345', '한글'])('names %s as unrecognised', (code) => {
    expect(route(code)).toMatchObject({ kind: 'unrecognised', message: expect.stringContaining('unrecognised scan') });
  });
});
