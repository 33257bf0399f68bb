import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EscPosCommands, QR_LEVELS } from '../../../native/printer/escpos-commands.js';

// The escpos-php example scripts (mike42/escpos-php example/*.php), replayed call for call.
// escpos-php's Printer constructor itself sends ESC @, hence the leading initialize().
const fixture = (name: string): Buffer =>
  readFileSync(new URL(`./fixtures/escpos-php/${name}`, import.meta.url));

function title(p: EscPosCommands, text: string, mode: number): void {
  p.selectPrintMode(mode);
  p.text(text);
  p.selectPrintMode();
}

describe('escpos-php conformance', () => {
  it('reproduces text-size.bin', () => {
    const p = new EscPosCommands().initialize();
    p.initialize();
    const heading = (text: string): void => title(p, `\n${text}`, 8);
    heading('Change height & width\n');
    for (let i = 1; i <= 8; i++) p.setTextSize(i, i).text(String(i));
    p.text('\n');
    heading('Change width only (height=4):\n');
    for (let i = 1; i <= 8; i++) p.setTextSize(i, 4).text(String(i));
    p.text('\n');
    heading('Change height only (width=4):\n');
    for (let i = 1; i <= 8; i++) p.setTextSize(4, i).text(String(i));
    p.text('\n');
    heading('Very narrow text:\n');
    p.setTextSize(1, 8).text('The quick brown fox jumps over the lazy dog.\n');
    heading('Very wide text:\n');
    p.setTextSize(4, 1).text('Hello world!\n');
    heading('Largest possible text:\n');
    p.setTextSize(8, 8).text('Hello\nworld!\n');
    p.cut();
    expect(Buffer.from(p.bytes()).equals(fixture('text-size.bin'))).toBe(true);
  });

  it('reproduces qr-code.bin, including 40 NUL bytes of binary data', () => {
    const p = new EscPosCommands().initialize();
    const heading = (text: string): void => title(p, text, 0x30);
    const testing = 'Testing 123';
    heading('QR code demo\n');
    p.qrCode(testing).text('Most simple example\n').feed();
    p.setJustification(1).qrCode(testing).text('Same example, centred\n').setJustification().feed();
    heading('Data encoding\n');
    p.qrCode('0123456789012345678901234567890123456789').text('Numeric\n').feed();
    p.qrCode('abcdefghijklmnopqrstuvwxyzabcdefghijklmn').text('Alphanumeric\n').feed();
    p.qrCode(new Uint8Array(40)).text('Binary\n').feed();
    heading('Error correction\n');
    for (const level of ['L', 'M', 'Q', 'H'] as const) {
      p.qrCode(testing, QR_LEVELS[level]).text(`Error correction ${level}\n`).feed();
    }
    heading('Pixel size\n');
    const sizes: Array<[number, string]> = [
      [1, '(minimum)'],
      [2, ''],
      [3, '(default)'],
      [4, ''],
      [5, ''],
      [10, ''],
      [16, '(maximum)'],
    ];
    for (const [size, label] of sizes)
      p.qrCode(testing, QR_LEVELS.L, size).text(`Pixel size ${size} ${label}\n`).feed();
    heading('QR model\n');
    p.qrCode(testing, QR_LEVELS.L, 3, 1).text('QR Model 1\n').feed();
    p.qrCode(testing, QR_LEVELS.L, 3, 2).text('QR Model 2 (default)\n').feed();
    p.qrCode(testing, QR_LEVELS.L, 3, 3)
      .text('Micro QR code\n(not supported on all printers)\n')
      .feed();
    p.cut();
    expect(Buffer.from(p.bytes()).equals(fixture('qr-code.bin'))).toBe(true);
  });

  it('reproduces margins-and-spacing.bin', () => {
    const p = new EscPosCommands().initialize();
    p.setEmphasis(true).text('Left margin\n').setEmphasis(false);
    p.text('Default left\n');
    for (const margin of [1, 2, 4, 8, 16, 32, 64, 128, 256, 512])
      p.setPrintLeftMargin(margin).text(`left margin ${margin}\n`);
    p.setPrintLeftMargin(0);
    p.setEmphasis(true).text('Page width\n').setEmphasis(false);
    p.setJustification(2).text('Default width\n');
    for (const width of [512, 256, 128, 64]) p.setPrintWidth(width).text(`page width ${width}\n`);
    p.cut();
    expect(Buffer.from(p.bytes()).equals(fixture('margins-and-spacing.bin'))).toBe(true);
  });

  it('counts QR data in UTF-8 bytes, not characters', () => {
    const bytes = new EscPosCommands().qrCode('제로페이').bytes();
    // 4 Hangul syllables = 12 UTF-8 bytes; pL = 12 + 3.
    const store = Buffer.from(bytes).indexOf(
      Buffer.from([0x1d, 0x28, 0x6b, 15, 0, 0x31, 0x50, 0x30]),
    );
    expect(store).toBeGreaterThan(0);
  });
});
