import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualTcpPrinter } from '../../native/printer/virtual-tcp-printer.js';
import { runPosCaptured } from '../helpers/run-pos.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { waitUntil } from '../helpers/wait.js';

const tempDir = useTempDir('pos-print-cli-');
const fixtures = fileURLToPath(new URL('../native/printer/fixtures/', import.meta.url));
const printers: VirtualTcpPrinter[] = [];
afterEach(async () => {
  for (const printer of printers.splice(0)) await printer.stop();
});

const pos = (...args: string[]) => runPosCaptured('print', ...args);

describe('pos print', () => {
  it('renders every escpos-php output as text without error', async () => {
    for (const file of readdirSync(join(fixtures, 'escpos-php')).filter((f) =>
      f.endsWith('.bin'),
    )) {
      const { code, err } = await pos(
        'render',
        join(fixtures, 'escpos-php', file),
        '--text',
        '--profile',
        'epson-80',
      );
      expect(code, `${file}: ${err}`).toBe(0);
    }
    const { out } = await pos(
      'render',
      join(fixtures, 'escpos-php', 'text-size.bin'),
      '--profile',
      'epson-80',
    );
    expect(out).toContain('Change height & width');
  });

  it('renders the Korean golden receipt to text and PNG', async () => {
    const png = join(tempDir(), 'receipt.png');
    const { code, out } = await pos(
      'render',
      join(fixtures, 'korean-receipt-80mm.bin'),
      '--text',
      '--png',
      png,
    );
    expect(code).toBe(0);
    expect(out).toContain('아메리카노                   2       9,000');
    expect(existsSync(png)).toBe(true);
  });

  it('writes the sample receipt, sends it to a TCP printer and reads its status', async () => {
    const printer = new VirtualTcpPrinter({ columns: 42, startsInDoubleByte: true });
    printers.push(printer);
    const port = await printer.start();
    const file = join(tempDir(), 'sample.bin');
    expect((await pos('sample', '--out', file)).code).toBe(0);
    expect(await pos('send', file, '--tcp', `127.0.0.1:${port}`)).toMatchObject({ code: 0 });
    await waitUntil(() => printer.device.printed.length === 1, 'the sample receipt');
    printer.setCoverOpen(true);
    const status = await pos('status', '--tcp', `127.0.0.1:${port}`);
    expect(JSON.parse(status.out)).toMatchObject({ status: 'cover-open', coverOpen: true });
  });

  it('suggests a write-only link when the printer never answers the status probe', async () => {
    const printer = new VirtualTcpPrinter({ columns: 42, startsInDoubleByte: true });
    printers.push(printer);
    printer.setAnswersStatus(false); // a network print server in front of it
    const port = await printer.start();
    const status = await pos('status', '--tcp', `127.0.0.1:${port}`);
    expect(status.code).toBe(1);
    expect(status.err).toMatch(/no answer to DLE EOT within 2000 ms/);
    expect(status.err).toMatch(/set "status": "none" on devices.printer/);
  });

  it('explains bad invocations and unreadable files', async () => {
    expect((await pos('render')).code).toBe(2);
    expect((await pos('frobnicate')).code).toBe(2);
    expect((await pos('status', '--tcp', 'not a host')).code).toBe(2);
    const missing = await pos('render', join(tempDir(), 'missing.bin'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read/);
  });

  it("refuses to draw a feed bomb as PNG, in one line, without the 2.7 GB it once took (issue 14 point 6)", async () => {
    const bomb = join(tempDir(), 'feed-bomb.bin');
    writeFileSync(bomb, Buffer.from(Array.from({ length: 100 }, () => [0x1b, 0x64, 0xff]).flat()));
    const png = join(tempDir(), 'bomb.png');
    const refused = await pos('render', bomb, '--png', png);
    expect(refused.code).toBe(1);
    expect(refused.err.trim().split('\n').at(-1)).toMatch(/^pos print render: .*feed-bomb\.bin: the receipt has 25500 printed elements/);
    expect(existsSync(png)).toBe(false);
  }, 60_000);
});
