import { afterEach, describe, expect, it } from 'vitest';
import type { PrintJobResult, ReceiptPrinter } from '../../src/devices/printer.js';
import type { SaleReceiptsDeps } from '../../src/payments/sale-receipts.js';
import { silentLogger } from '../../src/platform/logger.js';
import { type ReceiptDocument, layoutReceipt, receiptPlainText } from '../../src/receipts/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { MANAGER_PIN, openTill, startGateway, waitFor } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The receipt-printer port, keeping what it was handed (the port is the seam: native/printer tests cover paper). */
function paperTray(): { printer: ReceiptPrinter; printed: ReceiptDocument[] } {
  const printed: ReceiptDocument[] = [];
  const printer: ReceiptPrinter = {
    deviceId: 'tray',
    print: (document) => {
      printed.push(document);
      return Promise.resolve<PrintJobResult>({ jobId: `J${printed.length}`, state: 'printed', copy: false });
    },
    reprint: () => Promise.reject(new Error('not used')),
    status: () => Promise.resolve('ready'),
    on: () => () => undefined,
  };
  return { printer, printed };
}

const store = { name: '행복마트', businessNumber: '1234567891', representative: '김대표', address: '서울 중구', phone: '02-123-4567' };

async function till(printer: ReceiptPrinter | undefined, training = false) {
  const dir = tempDir();
  const { sandbox, client } = await startGateway(dir);
  const receipts: SaleReceiptsDeps = { printer, context: () => ({ store, terminalId: 'T01', training }), logger: silentLogger };
  const { engine, ledger } = openTill(dir, client(), { receipts });
  engine.start();
  cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());
  return engine;
}

const text = (d: ReceiptDocument) => receiptPlainText(layoutReceipt(d, 42), 42).join('\n');

describe('sale receipts, built in the core and handed to the printer port (issue 13 point 3)', () => {
  it('prints the receipt when a cash sale completes: lines, 면세 mark, discount, change, the seller', async () => {
    const { printer, printed } = paperTray();
    const engine = await till(printer);
    const sale = engine.openSale({
      lines: [
        { name: '우유', unitPrice: 2_500, quantity: 2, tax: 'taxable', discount: 500 },
        { name: '달걀', unitPrice: 3_980, quantity: 1, tax: 'tax-free' },
      ],
      saleDiscount: 480,
    });
    await engine.takeCash(sale.saleId, 10_000);
    await waitFor(() => printed.length === 1);
    const paper = text(printed[0]!);
    expect(paper).toContain('행복마트');
    expect(paper).toContain('*달걀');
    expect(paper).toMatch(/할인\s.*-480/);
    expect(paper).toMatch(/현금\s.*8,000/);
    expect(paper).toMatch(/거스름돈\s.*2,000/);
    expect(paper).toContain('감사합니다');
    expect(paper).not.toContain('재출력');
  });

  it('reprints a completed sale marked as a copy, on training paper says so, and says not-configured without a printer', async () => {
    const { printer, printed } = paperTray();
    const engine = await till(printer, true);
    const sale = engine.openSale({ lines: [{ name: '껌', unitPrice: 1_000, quantity: 1, tax: 'taxable' }] });
    await engine.takeCash(sale.saleId, 1_000);
    await waitFor(() => printed.length === 1);
    expect(await engine.receipts!.reprint(sale.saleId)).toEqual({ state: 'printed' });
    expect(text(printed[1]!)).toContain('재출력');
    expect(text(printed[1]!)).toContain('TRAINING');

    const bare = await till(undefined);
    const other = bare.openSale({ lines: [{ name: '껌', unitPrice: 1_000, quantity: 1, tax: 'taxable' }] });
    await bare.takeCash(other.saleId, 1_000);
    expect(await bare.receipts!.reprint(other.saleId)).toEqual({ state: 'not-configured' });
  });

  it('prints a refund slip for a return by line, with the line and the VAT given back', async () => {
    const { printer, printed } = paperTray();
    const engine = await till(printer);
    const sale = engine.openSale({
      lines: [
        { name: '우유', unitPrice: 2_500, quantity: 1, tax: 'taxable' },
        { name: '달걀', unitPrice: 3_980, quantity: 1, tax: 'tax-free' },
      ],
    });
    const { tender } = await engine.takeCash(sale.saleId, 6_480);
    await waitFor(() => printed.length === 1);
    await engine.refund({ tenderId: tender.tenderId, lines: [{ line: 1, quantity: 1 }], managerPin: MANAGER_PIN });
    await waitFor(() => printed.length === 2);
    const slip = text(printed[1]!);
    expect(slip).toContain('사업자번호');
    expect(slip).toContain('*달걀');
    expect(slip).toMatch(/3,980/);
  });
});
