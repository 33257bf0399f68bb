import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Migration,
  SchemaTooNewError,
  migrate,
  migrations,
  openDatabase,
  openLedger,
  schemaVersion,
} from '../../src/ledger/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('migrations', () => {
  it.each(migrations.map((m) => m.version))(
    'upgrades a database built at version %i to the latest, keeping its journal',
    (version) => {
      const path = join(tempDir(), `v${version}.db`);
      const old = openDatabase(path);
      migrate(old, migrations.slice(0, version));
      expect(schemaVersion(old)).toBe(version);
      old.close();
      // Rows written by the app at that version (the journal exists from v1 on).
      const atVersion = openLedger(path, { clock: new ManualClock(), migrations: migrations.slice(0, version) });
      atVersion.journal.append({ kind: 'sale.opened', aggregateId: 'S1', body: { total: 5000 }, sync: true });
      atVersion.close();

      const latest = openLedger(path, { clock: new ManualClock() });
      expect(latest.schemaVersion).toBe(migrations.length);
      expect(schemaVersion(latest.db)).toBe(migrations.length);
      expect(latest.journal.verify()).toMatchObject({ ok: true, rows: 1 });
      expect(latest.outbox.depth()).toBe(1);
      latest.close();
    },
  );

  it('refuses a database written by a newer app', () => {
    const path = join(tempDir(), 'future.db');
    const db = openDatabase(path);
    migrate(db, migrations);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openLedger(path, { clock: new ManualClock() })).toThrow(SchemaTooNewError);
  });

  it('leaves a database at the last whole version when a step fails', () => {
    const path = join(tempDir(), 'broken.db');
    const failing: Migration = {
      version: migrations.length + 1,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x)');
        throw new Error('power cut');
      },
    };
    const db = openDatabase(path);
    expect(() => migrate(db, [...migrations, failing])).toThrow('power cut');
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });
});
