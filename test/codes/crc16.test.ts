import { describe, expect, it } from 'vitest';
import { crc16CcittFalse, emvCrc } from '../../src/codes/index.js';
import { vector } from './mpm-vectors.js';

describe('CRC-16/CCITT-FALSE', () => {
  it('has the catalogue check value 29B1 for "123456789"', () => {
    expect(crc16CcittFalse(new TextEncoder().encode('123456789'))).toBe(0x29b1);
    expect(emvCrc('123456789')).toBe('29B1');
  });

  it('runs over UTF-8 bytes: the EMVCo example with Chinese in template 64 gives A13A', () => {
    const payload = vector('EMVCo_MPM_spec_example_zh');
    expect(emvCrc(payload.slice(0, -4))).toBe('A13A');
    // A checksum over UTF-16 code units (charCodeAt) is the known wrong answer.
    const units = Uint8Array.from(payload.slice(0, -4), (ch) => ch.charCodeAt(0) & 0xff);
    expect(crc16CcittFalse(units).toString(16).toUpperCase()).toBe('C919');
  });

  it('pads to four upper-case hex digits', () => {
    expect(emvCrc(vector('PromptPay_taxid').slice(0, -4))).toBe('0CBD');
    expect(emvCrc(vector('SGQR_PayNow_UEN_0047').slice(0, -4))).toBe('0047');
  });
});
