import { describe, expect, it } from 'vitest';
import { printerProfile } from '../../../native/printer/profiles.js';
import { RASTER, SKIP, TextCodec, isDoubleByte } from '../../../native/printer/text-codec.js';

const korean = new TextCodec(printerProfile('korean-80'));
const international = new TextCodec(printerProfile('epson-80'));
const cp = (char: string): number => char.codePointAt(0)!;

describe('text codec', () => {
  it('sends KS X 1001 Hangul as its CP949 double-byte code', () => {
    expect(korean.code(cp('가'))).toBe(0x1b0a1);
    expect(korean.code(cp('힝'))).toBe(0x1c8fe);
    expect(isDoubleByte(korean.code(cp('가')))).toBe(true);
  });

  it('rasters the Hangul syllables printer fonts lack: CP949 gives them UHC extension codes', () => {
    expect(korean.code(cp('똠'))).toBe(RASTER); // CP949 8C 63
    expect(korean.code(cp('힣'))).toBe(RASTER); // CP949 C6 52: lead in range, trail below 0xA1
  });

  it('prints exactly the 2,350 KS X 1001 syllables as text and rasters the other 8,822', () => {
    let text = 0;
    for (let c = 0xac00; c <= 0xd7a3; c++) if (isDoubleByte(korean.code(c))) text++;
    expect(text).toBe(2350);
  });

  it('maps the fullwidth won sign to A3 DC and rasters a backslash, which the Korea set prints as ₩', () => {
    expect(korean.code(cp('￦'))).toBe(0x1a3dc);
    expect(korean.code(cp('\\'))).toBe(RASTER);
    expect(international.code(cp('\\'))).toBe(0x5c);
  });

  it('keeps narrow accented letters one column through the code table, or rasters them', () => {
    expect(korean.code(cp('é'))).toBe(0x82); // PC437
    expect(korean.code(cp('€'))).toBe(RASTER); // not in PC437, and must not become a 2-column KS X 1001 code
    expect(korean.code(0x301)).toBe(SKIP);
  });

  it('rasters all Hangul on a printer without a Korean font', () => {
    expect(international.code(cp('가'))).toBe(RASTER);
    expect(international.code(cp('A'))).toBe(0x41);
  });
});
