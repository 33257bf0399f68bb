import type { SqliteDatabase } from '../ledger/database.js';
import type { Journal } from '../ledger/journal.js';
import { type ModuleSchema, migrateModule } from '../ledger/module-schema.js';
import { STORE_DATA_APPLIED_KIND, type StoreDataChanges } from './store-data-protocol.js';

const SCHEMA: ModuleSchema = {
  module: 'store-data',
  steps: [
    {
      name: 'the store data version this till applied',
      up: (db) =>
        db.exec(
          'CREATE TABLE store_data_applied (version INTEGER NOT NULL, applied_at INTEGER NOT NULL)',
        ),
    },
  ],
};

/**
 * The version of the store's data this till holds (src/store owns the
 * table). It moves only after the whole version was applied, so a till
 * stopped half-way asks for the same version again and applies it again
 * (each part is idempotent). Each move is journaled, so the store server
 * learns from the journal which till runs which version.
 */
export class AppliedStoreVersion {
  private readonly read;
  private readonly clear;
  private readonly write;

  constructor(
    db: SqliteDatabase,
    private readonly journal: Journal,
  ) {
    migrateModule(db, SCHEMA);
    this.read = db.prepare('SELECT version FROM store_data_applied').pluck();
    this.clear = db.prepare('DELETE FROM store_data_applied');
    this.write = db.prepare('INSERT INTO store_data_applied (version, applied_at) VALUES (?, ?)');
  }

  /** The version applied (0: none yet). */
  version(): number {
    return (this.read.get() as number | undefined) ?? 0;
  }

  /** Records `changes` as applied, with a journal row saying what they held. */
  record(changes: StoreDataChanges, at: number): void {
    this.journal.atomically(() => {
      this.clear.run();
      this.write.run(changes.version, at);
      this.journal.append({
        kind: STORE_DATA_APPLIED_KIND,
        aggregateId: 'store-data',
        body: {
          version: changes.version,
          since: changes.since,
          items: changes.items.length,
          parts: (['quickKeys', 'staff', 'store', 'devices'] as const).filter(
            (part) => changes[part] !== undefined,
          ),
        },
      });
    });
  }
}
