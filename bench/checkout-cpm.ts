// CPM checkout overhead: from the scanned code to "approved, journaled and
// receipt encoded" (classify, created + requested rows, signed pay, approved
// row, sale completed with its receipt number: five FULL-sync commits; then
// the sale's receipt laid out and encoded to ESC/POS), minus the bare HTTP
// round trip to the same sandbox on loopback, measured in the same run (the
// issue's definition). The same signed pay sent straight through the relay
// client is reported too, so the POS's own share is visible. Runs alternate
// so drift hits all sides. Target: overhead < 5 ms median.
import { join } from 'node:path';
import { EscPosReceiptEncoder, printerProfile } from '../native/printer/index.js';
import { merchantProfileSchema } from '../src/codes/index.js';
import { openLedger } from '../src/ledger/index.js';
import { PaymentEngine } from '../src/payments/payment-engine.js';
import { StaffList } from '../src/payments/roles.js';
import { systemClock } from '../src/platform/clock.js';
import { silentLogger } from '../src/platform/logger.js';
import { buildSaleReceipt } from '../src/receipts/index.js';
import { startBenchSandbox } from './lib/bench-sandbox.js';
import { median, printFigure } from './lib/measure.js';

const { dir, client, gateway, close } = await startBenchSandbox('bench-checkout-');
const encoder = new EscPosReceiptEncoder(printerProfile('korean-80'));
const ledger = openLedger(join(dir, 'till.db'), { clock: systemClock });
try {
  const engine = new PaymentEngine({
    ledger,
    gateway: client,
    merchant: merchantProfileSchema.parse({ merchantName: 'BENCH', merchantCity: 'SEOUL', account: { gui: 'KR.SANDBOX.RELAY' } }),
    staff: new StaffList([]),
    clock: systemClock,
    logger: silentLogger,
    reserve: { path: join(dir, 'reserve.bin'), sizeBytes: 1 << 20 },
    config: { terminalId: 'T01' },
  });
  engine.start();
  // Uploads are not part of a checkout; keep them from interleaving with the timed path.
  await engine.sync.stop();

  let n = 0;
  const code = () => `1347${String(++n).padStart(10, '0')}7777`;
  const checkout = async (): Promise<number> => {
    const sale = engine.openSale({ lines: [{ name: 'Americano', unitPrice: 4_500, quantity: 1, tax: 'taxable' }] });
    const start = performance.now();
    const { tender } = await engine.payByCode(sale.saleId, code());
    const completed = engine.store.sale(sale.saleId)!;
    if (tender.state !== 'approved' || completed.state !== 'completed') throw new Error('checkout failed');
    const opened = engine.store.saleOpened(sale.saleId);
    const bytes = encoder.encode(
      buildSaleReceipt({
        store: { name: '카운터 커피', businessNumber: '123-45-67890', representative: '김하나', address: '서울 성동구', phone: '02-555-0123' },
        receiptNumber: completed.receiptNumber!,
        issuedAt: completed.closedAt ?? completed.openedAt,
        terminalId: 'T01',
        lines: opened.lines.map((l) => ({ name: l.name, quantity: l.quantity, amount: l.unitPrice * l.quantity })),
        totals: opened.vat,
        tenders: [{ label: '위챗페이', amount: tender.amount, reference: tender.maskedCode ?? '' }],
        footer: ['감사합니다'],
        copy: false,
      }),
    );
    const ms = performance.now() - start;
    if (bytes.length === 0) throw new Error('receipt not encoded');
    return ms;
  };
  const httpRoundTrip = async (): Promise<number> => {
    const start = performance.now();
    const response = await fetch(`${gateway.url}/sandbox/admin/faults`);
    await response.text();
    return performance.now() - start;
  };
  const bare = async (): Promise<number> => {
    const start = performance.now();
    const answer = await client.pay({
      paymentRequestId: `bench-bare-${++n}`,
      amount: { currency: 'KRW', value: '4500' },
      paymentCode: code(),
      orderTitle: 'Americano',
    });
    const ms = performance.now() - start;
    if (answer.result.status !== 'S') throw new Error(`pay answered ${answer.result.code}`);
    return ms;
  };

  const warmup = 200;
  const runs = 1_500;
  for (let i = 0; i < warmup; i++) {
    await checkout();
    await bare();
    await httpRoundTrip();
  }
  const checkouts: number[] = [];
  const bares: number[] = [];
  const roundTrips: number[] = [];
  for (let i = 0; i < runs; i++) {
    checkouts.push(await checkout());
    bares.push(await bare());
    roundTrips.push(await httpRoundTrip());
  }
  const checkoutMs = median(checkouts);
  const bareMs = median(bares);
  const roundTripMs = median(roundTrips);
  printFigure({
    name: 'checkout_cpm_overhead',
    value: checkoutMs - roundTripMs,
    unit: 'ms',
    n: runs,
    peer: 'http_roundtrip_bare',
    peerValue: roundTripMs,
    ratio: checkoutMs / roundTripMs,
    checkoutMs: Math.round(checkoutMs * 1000) / 1000,
    signedPayMs: Math.round(bareMs * 1000) / 1000,
    beyondSignedPayMs: Math.round((checkoutMs - bareMs) * 1000) / 1000,
    target: '< 5 ms',
  });
  await engine.stop();
} finally {
  ledger.close();
  await close();
}
