/**
 * Scale labels: EAN-13 codes in the GS1 restricted-circulation range (first
 * two digits 20-29) that carry a price or a weight. GS1 leaves their layout
 * to each country and shop (GS1 General Specifications 2.1.11, "variable
 * measure trade items"), so a layout is configuration: which prefix uses it,
 * how many digits name the item and how many carry the value. The presets
 * are the layouts GS1 member organisations publish and Korean label scales
 * (CAS, 카스 CL-series; 대한저울 DS-series) print: 2-digit flag, item number,
 * value, check digit.
 */
import { z } from 'zod';
import { gs1CheckDigit } from './gs1-check-digit.js';

/** What the value digits of a label are: the line's price in won, or the weight in grams. */
export const scaleValueSchema = z.enum(['price', 'weight']);

/** One label layout: 2 flag digits + `itemDigits` + `valueDigits` + 1 check digit = 13. */
export const scaleLayoutSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]{1,32}$/),
    itemDigits: z.number().int().min(1).max(9),
    value: scaleValueSchema,
    valueDigits: z.number().int().min(1).max(9),
  })
  .refine((l) => l.itemDigits + l.valueDigits === 10, 'item and value digits must fill the 10 digits between the flag and the check digit');
export type ScaleLayout = z.infer<typeof scaleLayoutSchema>;

/** The presets a shop picks from in settings. */
export const SCALE_LAYOUTS: readonly ScaleLayout[] = [
  // GS1 Germany/Korea common form and CAS CL5000's default "F1": item 5, price 5 (up to ₩99,999).
  { id: 'item5-price5', itemDigits: 5, value: 'price', valueDigits: 5 },
  // Korean label scales' 4-digit PLU with a 6-digit price (up to ₩999,999), e.g. meat counters.
  { id: 'item4-price6', itemDigits: 4, value: 'price', valueDigits: 6 },
  { id: 'item6-price4', itemDigits: 6, value: 'price', valueDigits: 4 },
  // Weight in grams (up to 99.999 kg), priced from the catalog's price per kilogram.
  { id: 'item5-weight5', itemDigits: 5, value: 'weight', valueDigits: 5 },
  { id: 'item4-weight6', itemDigits: 4, value: 'weight', valueDigits: 6 },
];

/** Which layout each flag (20-29) uses; a flag not named is no scale label. */
export const scaleFlagsSchema = z.record(z.string().regex(/^2\d$/), z.string());
export type ScaleFlags = z.infer<typeof scaleFlagsSchema>;

/** Out of the box: flags 20-27 carry a price, 28-29 a weight (changed in settings). */
export const DEFAULT_SCALE_FLAGS: ScaleFlags = {
  '20': 'item5-price5', '21': 'item5-price5', '22': 'item5-price5', '23': 'item5-price5',
  '24': 'item5-price5', '25': 'item5-price5', '26': 'item5-price5', '27': 'item5-price5',
  '28': 'item5-weight5', '29': 'item5-weight5',
};

/** What a scale label says: the item's number on the scale and the price or weight. */
export interface ScaleLabel {
  flag: string;
  layout: string;
  /** The item number as printed (leading zeros kept). */
  itemNumber: string;
  /** The key the catalog files the item under: the label with a zero value and its check digit. */
  itemKey: string;
  value: z.infer<typeof scaleValueSchema>;
  /** Won for a price, grams for a weight. */
  amount: number;
}

/**
 * Reads an EAN-13 scale label with the shop's layouts, or undefined when the
 * code is not one (wrong length, flag not configured, bad check digit).
 */
export function readScaleLabel(code: string, flags: ScaleFlags, layouts: readonly ScaleLayout[] = SCALE_LAYOUTS): ScaleLabel | undefined {
  if (!/^2\d{12}$/.test(code) || gs1CheckDigit(code.slice(0, 12)) !== Number(code[12])) return undefined;
  const flag = code.slice(0, 2);
  const layout = layouts.find((l) => l.id === flags[flag]);
  if (!layout) return undefined;
  const itemNumber = code.slice(2, 2 + layout.itemDigits);
  return {
    flag,
    layout: layout.id,
    itemNumber,
    itemKey: scaleItemKey(code, layout),
    value: layout.value,
    amount: Number(code.slice(2 + layout.itemDigits, 12)),
  };
}

/** The label of `code`'s item with its value zeroed: how the catalog stores a scale item's barcode. */
function scaleItemKey(code: string, layout: ScaleLayout): string {
  const data = code.slice(0, 2 + layout.itemDigits) + '0'.repeat(layout.valueDigits);
  return `${data}${gs1CheckDigit(data)}`;
}

/** A line's price for `grams` of an item sold at `pricePerKg`, rounded to the won as scales do. */
export function priceOfWeight(pricePerKg: number, grams: number): number {
  return Math.round((pricePerKg * grams) / 1000);
}
