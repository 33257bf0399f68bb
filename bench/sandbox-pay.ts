// Sandbox relay gateway latency: the median of a signed pay over loopback
// (client signing + HTTP + Ed25519 verify + SQLite commit with WAL FULL +
// answer validation), against a bare HTTP round trip on the same server.
// Target: pay < 2 ms median, so the sandbox never hides the POS's own cost.
import { startBenchSandbox } from './lib/bench-sandbox.js';
import { median, printFigure, timeMany } from './lib/measure.js';

const { gateway, client, close } = await startBenchSandbox('bench-sandbox-', 'till-01');
try {
  let n = 0;
  const pay = async () => {
    n += 1;
    const answer = await client.pay({
      paymentRequestId: `bench-${n.toString().padStart(8, '0')}`,
      amount: { currency: 'KRW', value: '4500' },
      paymentCode: `1347289539${n.toString().padStart(4, '0')}7777`,
      orderTitle: 'Americano',
    });
    if (answer.result.status !== 'S') throw new Error(`pay answered ${answer.result.code}`);
  };
  const bare = async () => {
    const response = await fetch(`${gateway.url}/sandbox/admin/faults`);
    await response.text();
  };

  const runs = 2_000;
  const bareMs = median(await timeMany(bare, { warmup: 200, runs }));
  const payMs = median(await timeMany(pay, { warmup: 200, runs }));
  printFigure({ name: 'http_roundtrip_bare', value: bareMs, unit: 'ms', n: runs });
  printFigure({
    name: 'sandbox_pay_latency',
    value: payMs,
    unit: 'ms',
    n: runs,
    peer: 'http_roundtrip_bare',
    peerValue: bareMs,
    ratio: payMs / bareMs,
    target: '< 2 ms',
  });
} finally {
  await close();
}
