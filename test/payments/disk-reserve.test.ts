import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SalesSuspendedError } from '../../src/payments/errors.js';
import type { PaymentAlert } from '../../src/payments/events.js';
import { FakeGateway } from './fake-gateway.js';
import { openTill } from './harness.js';

const mounts: string[] = [];
afterEach(() => {
  for (const dir of mounts.splice(0)) {
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A real small file system (tmpfs), so "disk full" is the kernel's ENOSPC, not a simulation. */
function smallDisk(bytes: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'pos-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}

/** Writes zeros until the file system refuses. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(4096);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

describe('full disk', () => {
  it('spends the reserve on the sale in hand, then refuses new sales until space is made', async () => {
    const dir = smallDisk(4 << 20);
    const { engine, ledger } = openTill(dir, new FakeGateway(), { reserve: { path: join(dir, 'reserve.bin'), sizeBytes: 512 << 10 } });
    engine.start();
    const alerts: PaymentAlert[] = [];
    engine.events.on('alert', (a) => alerts.push(a));
    const sale = engine.openSale({ lines: [{ name: 'Water', unitPrice: 1_000, quantity: 3, tax: 'taxable' }] });
    fillDisk(join(dir, 'filler.bin'));

    const { tender } = await engine.takeCash(sale.saleId, 5_000);
    expect(tender.state).toBe('approved');
    expect(engine.store.sale(sale.saleId)!.state).toBe('completed');
    expect(alerts.map((a) => a.code)).toEqual(['disk-full']);
    expect(() => engine.openSale({ lines: [{ name: 'Water', unitPrice: 1_000, quantity: 1, tax: 'taxable' }] })).toThrow(SalesSuspendedError);

    rmSync(join(dir, 'filler.bin'));
    expect(engine.openSale({ lines: [{ name: 'Water', unitPrice: 1_000, quantity: 1, tax: 'taxable' }] }).state).toBe('open');
    expect(engine.reserve.salesSuspended).toBe(false);
    expect(ledger.journal.verify().ok).toBe(true);
    await engine.stop();
    ledger.close();
  });
});
