import type { SqliteDatabase } from './database.js';

/** One forward-only step of a module's own tables (the module's version is its index + 1). */
export interface ModuleMigration {
  name: string;
  up(db: SqliteDatabase): void;
}

/** How a module registers its tables: its name in `module_schema`, its steps, and how to read a database made before the registry. */
export interface ModuleSchema {
  module: string;
  steps: readonly ModuleMigration[];
  /**
   * The version a database already holds when it has no `module_schema` row
   * for the module: tables created by the journal's numbered migrations of
   * an older release, before the module owned them. 0 for a new database.
   */
  adopt?(db: SqliteDatabase): number;
}

/** Raised when a module's tables were written by a newer app than this one. */
export class ModuleSchemaTooNewError extends Error {}

/**
 * Brings one module's tables up to date, each step in its own transaction
 * with its version bump, so modules own their schema and their steps grow
 * apart without colliding on the journal's numbering (ledger migration 5
 * creates `module_schema`). A database already current is only read, so a
 * read-only connection passes. Returns the module's version.
 */
export function migrateModule(db: SqliteDatabase, schema: ModuleSchema): number {
  const latest = schema.steps.length;
  const read = db.prepare('SELECT version FROM module_schema WHERE module = ?');
  const stored = (read.get(schema.module) as { version: number } | undefined)?.version;
  const current = stored ?? schema.adopt?.(db) ?? 0;
  if (current > latest) {
    throw new ModuleSchemaTooNewError(`${schema.module} schema is version ${current}; this app knows up to ${latest}`);
  }
  if (current === latest && stored === current) return latest;
  const save = db.prepare(
    'INSERT INTO module_schema (module, version) VALUES (?, ?) ON CONFLICT(module) DO UPDATE SET version = excluded.version',
  );
  db.transaction(() => save.run(schema.module, current)).immediate();
  schema.steps.slice(current).forEach((step, i) => {
    db.transaction(() => {
      step.up(db);
      save.run(schema.module, current + i + 1);
    }).immediate();
  });
  return latest;
}
