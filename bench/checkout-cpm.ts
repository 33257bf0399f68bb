// CPM checkout overhead: from the scanned code to "approved and journaled"
// (classify, created + requested rows, signed pay, approved row, sale
// completed with its receipt number: five FULL-sync commits), against the
// same signed pay sent straight through the relay client, on the same
// sandbox over loopback with no injected latency. Runs alternate so drift
// hits both sides. Target: overhead < 5 ms median.
import { join } from 'node:path';
import { merchantProfileSchema } from '../src/codes/index.js';
import { openJournalStore } from '../src/ledger/index.js';
import { PaymentEngine } from '../src/payments/payment-engine.js';
import { StaffList } from '../src/payments/roles.js';
import { systemClock } from '../src/platform/clock.js';
import { silentLogger } from '../src/platform/logger.js';
import { startBenchSandbox } from './lib/bench-sandbox.js';
import { median, printFigure } from './lib/measure.js';

const { dir, client, close } = await startBenchSandbox('bench-checkout-');
const ledger = openJournalStore(join(dir, 'till.db'), { clock: systemClock });
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
    const ms = performance.now() - start;
    if (tender.state !== 'approved' || engine.store.sale(sale.saleId)!.state !== 'completed') throw new Error('checkout failed');
    return ms;
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
  }
  const checkouts: number[] = [];
  const bares: number[] = [];
  for (let i = 0; i < runs; i++) {
    checkouts.push(await checkout());
    bares.push(await bare());
  }
  const checkoutMs = median(checkouts);
  const bareMs = median(bares);
  printFigure({
    name: 'checkout_cpm_overhead',
    value: checkoutMs - bareMs,
    unit: 'ms',
    n: runs,
    peer: 'bare_signed_pay_round_trip',
    peerValue: bareMs,
    ratio: checkoutMs / bareMs,
    checkoutMs: Math.round(checkoutMs * 1000) / 1000,
    target: '< 5 ms',
  });
  await engine.stop();
} finally {
  ledger.close();
  await close();
}
