import type { Migration } from '../migration.js';
import { journalMigration } from './0001-journal.js';
import { retiredMigrations } from './0002-0004-retired.js';
import { moduleSchemaMigration } from './0005-module-schema.js';
import { upstreamCursorsMigration } from './0006-upstream-cursors.js';

/**
 * Every schema step of the journal itself, oldest first. Append only: a
 * released migration is never edited, because tills in shops already ran
 * it. Tables owned by other modules are registered by them
 * (`migrateModule`, src/payments/migrations.ts).
 */
export const migrations: readonly Migration[] = [journalMigration, ...retiredMigrations, moduleSchemaMigration, upstreamCursorsMigration];
