import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type StoreDatabase, openPglite, openPostgres } from '../../server/db/database.js';
import { migrateServer } from '../../server/db/migrations.js';
import { ManualClock } from '../../src/platform/clock.js';

/** The months made at migration: those of the tests' usual time (ManualClock's start), so their records land in month tables. */
const MIGRATION_CLOCK = new ManualClock();

/** The command that starts the PostgreSQL these tests use (also what .ci/run does). */
export const START_POSTGRES = 'export POS_TEST_DATABASE_URL="$(bash .ci/postgres)"';

const pgliteVersion = (
  JSON.parse(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * An empty PGlite data folder, made once per machine and copied per test:
 * PGlite's first start runs initdb in WebAssembly (15 s on a loaded machine),
 * a copy opens in about a second.
 */
export function pgliteTemplate(): string {
  const template = join(tmpdir(), `pos-pglite-template-${pgliteVersion}`);
  if (!existsSync(join(template, 'PG_VERSION'))) {
    const building = mkdtempSync(join(tmpdir(), 'pos-pglite-build-'));
    execFileSync(process.execPath, ['--input-type=module', '-e', `import { PGlite } from '@electric-sql/pglite'; const db = await PGlite.create(${JSON.stringify(building)}); await db.close();`], {
      stdio: 'inherit',
    });
    try {
      renameSync(building, template);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another test file made it first
    }
  }
  return template;
}

/** A fresh, migrated PGlite database in its own folder; `dispose` removes it. */
export async function freshPglite(): Promise<{ db: StoreDatabase; dir: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pos-store-pglite-'));
  cpSync(pgliteTemplate(), dir, { recursive: true });
  const db = await openPglite(dir);
  await migrateServer(db, MIGRATION_CLOCK);
  return {
    db,
    dir,
    dispose: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The PostgreSQL URL the tests use. Never skipped: without one the test
 * fails with the command that starts it.
 */
export function postgresUrl(): string {
  const url = process.env.POS_TEST_DATABASE_URL;
  if (!url) throw new Error(`no PostgreSQL for the store server's tests: run  ${START_POSTGRES}  then run the tests again`);
  return url;
}

/** A fresh database on the test PostgreSQL (its own, dropped by `dispose`), migrated. */
export async function freshPostgres(): Promise<{ db: StoreDatabase; url: string; dispose(): Promise<void> }> {
  const base = postgresUrl();
  const name = `pos_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL at ${base} is not reachable (${(error as Error).message}): run  ${START_POSTGRES}`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.href);
  await migrateServer(db, MIGRATION_CLOCK);
  return {
    db,
    url: url.href,
    dispose: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Both engines, by name, for `describe.each`. */
export const ENGINES = [
  ['PGlite', freshPglite],
  ['PostgreSQL', freshPostgres],
] as const;
