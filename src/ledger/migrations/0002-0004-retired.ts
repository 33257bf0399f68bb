import type { Migration } from '../migration.js';

/**
 * Versions 2 to 4 once created the payment projections, their close-out
 * guards and the customer-currency columns. Those tables now belong to
 * src/payments, which registers its own steps (`module_schema`, step 5), so
 * these versions do nothing on a new database. A database an older release
 * made keeps what they created, and the payments module adopts it at the
 * version it finds. The numbers stay taken: tills in shops ran them.
 */
const retired = (version: number, name: string): Migration => ({ version, name: `${name} (moved to src/payments)`, up: () => undefined });

export const retiredMigrations: readonly Migration[] = [
  retired(2, 'payment projections'),
  retired(3, 'close-out guards and report indexes'),
  retired(4, 'customer-currency amounts of payments'),
];
