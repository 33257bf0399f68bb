import type { JournalEntry } from '../../src/ledger/index.js';

/** The record that ends a simulated sale: counting them says how far a till got. */
export const SALE_DONE_KIND = 'fleet.sale.completed';

/** The journal records of one simulated sale: opened, paid (cash or a wallet), completed. */
export function saleRecords(tillId: string, index: number, random: () => number): JournalEntry[] {
  const saleId = `${tillId}-S${index + 1}`;
  const amount = 1_000 * (1 + Math.floor(random() * 30));
  const method = random() < 0.4 ? 'cash' : 'wallet';
  return [
    { kind: 'fleet.sale.opened', aggregateId: saleId, body: { lines: [{ name: `item ${index % 50}`, unitPrice: amount, quantity: 1 }] } },
    { kind: 'fleet.payment', aggregateId: saleId, body: { method, amount }, sync: true },
    { kind: SALE_DONE_KIND, aggregateId: saleId, body: { total: amount } },
  ];
}
