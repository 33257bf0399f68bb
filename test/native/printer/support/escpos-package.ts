import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface EscposPrinter {
  align(a: 'lt' | 'ct' | 'rt'): EscposPrinter;
  font(f: 'a' | 'b'): EscposPrinter;
  style(s: string): EscposPrinter;
  size(w: number, h: number): EscposPrinter;
  text(t: string): EscposPrinter;
  qrcode(code: string, version?: number, level?: string, size?: number): EscposPrinter;
  cashdraw(pin: number): EscposPrinter;
  cut(partial?: boolean, feed?: number): EscposPrinter;
  flush(cb?: () => void): EscposPrinter;
}

/**
 * Receipts made by the `escpos` npm package (2.5.x, the line most tutorials
 * use), captured from its adapter: bytes nobody here wrote, for the virtual
 * printer to render the way a real printer would.
 */
export function escposPackageReceipt(kind: 'qr' | 'euc-kr'): Buffer {
  const escpos = require('escpos') as {
    Printer: new (adapter: unknown, options?: { encoding: string }) => EscposPrinter;
  };
  const chunks: Buffer[] = [];
  const adapter = { write: (data: Buffer, cb?: () => void) => (chunks.push(Buffer.from(data)), cb?.()) };
  const printer = new escpos.Printer(adapter, { encoding: kind === 'euc-kr' ? 'EUC-KR' : 'GB18030' });
  if (kind === 'qr') {
    printer.align('ct').text('Counter POS').qrcode('https://pay.example/o/20260105-0001', 3, 'M', 6).text('scan to pay');
  } else {
    printer.align('lt').font('a').style('b').size(1, 1).text('아메리카노        4,500원').style('normal').text('합계              4,500원');
  }
  printer.cut().flush();
  return Buffer.concat(chunks);
}
