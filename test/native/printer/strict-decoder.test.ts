import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodedText } from '../../../native/printer/decoder/decoded-receipt.js';
import { decodeEscPos } from '../../../native/printer/decoder/escpos-decoder.js';
import { runPosCaptured } from '../../helpers/run-pos.js';
import { escposPackageReceipt } from './support/escpos-package.js';

const dir = mkdtempSync(join(tmpdir(), 'pos-strict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the strict virtual printer', () => {
  it('prints a CP949-only code as a KS X 1001 printer would (garbage), with a warning', () => {
    // FS & (double-byte on), 똠 = 8C 63 (CP949 extension), 양 = BE E7 (KS X 1001).
    const bytes = Buffer.from('1c268c63bee70a', 'hex');
    const strict = decodeEscPos(bytes, { doubleByteFont: 'ks-x-1001' });
    expect(decodedText(strict, 42)[0]).toBe('\ufffd양');
    expect(strict.warnings).toEqual([
      expect.stringMatching(/8c 63 .*CP949 extension.*KS X 1001 printer/),
    ]);
    const cp949 = decodeEscPos(bytes, { doubleByteFont: 'cp949' });
    expect(decodedText(cp949, 42)[0]).toBe('똠양');
    expect(cp949.warnings).toEqual([]);
  });

  it('decodes KS X 1001 Hanja', () => {
    // 合 = F9 EA, 計 = CD AA: the Hanja rows of KS X 1001 (0xCA-0xFD).
    const receipt = decodeEscPos(Buffer.from('1c26f9eacdaa0a', 'hex'), { doubleByteFont: 'ks-x-1001' });
    expect(decodedText(receipt, 42)[0]).toBe('合計');
  });

  it('skips commands it does not know, with one warning each, and prints the rest', () => {
    const receipt = decodeEscPos(escposPackageReceipt('euc-kr'), { startsInDoubleByte: true });
    expect(decodedText(receipt, 42).slice(0, 2)).toEqual([
      '아메리카노        4,500원',
      '합계              4,500원',
    ]);
    expect(receipt.warnings).toEqual([
      expect.stringMatching(/^skipped ESC 5 \(1b 35\)/),
      expect.stringMatching(/^skipped ESC 5 \(1b 35\)/),
    ]);
  });

  it('renders the escpos package QR receipt and EUC-KR receipt with `pos print render`, a warning per skipped command', async () => {
    for (const kind of ['qr', 'euc-kr'] as const) {
      const file = join(dir, `${kind}.bin`);
      writeFileSync(file, escposPackageReceipt(kind));
      const { code, out: stdout, err: stderr } = await runPosCaptured('print', 'render', file, '--png', join(dir, `${kind}.png`));
      expect(code, stderr).toBe(0);
      expect(stdout).toBe('');
      const warnings = stderr.split('\n').filter((l) => l.startsWith('warning: '));
      if (kind === 'qr') {
        expect(warnings).toEqual([
          expect.stringMatching(/skipped GS Z \(1d 5a 02\)/),
          expect.stringMatching(/skipped ESC Z \(1b 5a .*35 bytes of data\)/),
        ]);
      } else expect(warnings).toHaveLength(2);
    }
    const text = await runPosCaptured('print', 'render', join(dir, 'qr.bin'), '--text');
    expect(text.out.split('\n').map((l) => l.trim())).toEqual(
      expect.arrayContaining(['Counter POS', 'scan to pay']),
    );
  });
});
