import type { SqliteDatabase } from './database.js';

/** One forward-only schema step. `version` is 1, 2, 3… with no gaps. */
export interface Migration {
  version: number;
  name: string;
  up(db: SqliteDatabase): void;
}

/** Raised when a database was written by a newer app than this one. */
export class SchemaTooNewError extends Error {}

/** The schema version a database is at (SQLite's user_version; 0 = empty). */
export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings a database up to the newest migration, each step in its own
 * transaction together with its version bump, so a crash mid-upgrade leaves
 * the database at a whole earlier version. Never goes backwards: a database
 * from a newer app is refused rather than written by code that does not know
 * its schema.
 */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new SchemaTooNewError(`database schema is version ${current}; this app knows up to ${latest}`);
  }
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return latest;
}
