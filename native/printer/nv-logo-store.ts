import Database from 'better-sqlite3';
import { z } from 'zod';
import type { Clock } from '../../src/platform/clock.js';

/**
 * Which logo each printer holds in its NV memory, and which version (issue 16, Deliver 9).
 * NV memory is flash: Epson asks for at most 10 writes a day, and a store takes the printer a
 * second or more, so a logo is stored once per printer and again only when its dots change.
 *
 * Keyed by printer id and link (`tcp://10.0.0.5:9100`): a printer moved to another address or
 * port counts as another printer and gets the logo stored again. One table, owned here, in the
 * database file it is given (the print queue's file; WAL, synchronous=FULL, as the queue).
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS printer_nv_logos (
  printer_id TEXT NOT NULL,
  link TEXT NOT NULL,
  nv_key TEXT NOT NULL,
  logo_id TEXT NOT NULL,
  hash TEXT NOT NULL,
  stored_at INTEGER NOT NULL,
  PRIMARY KEY (printer_id, link, nv_key)
);
`;

const rowSchema = z.object({ logo_id: z.string(), hash: z.string() });

/** What one NV key of one printer holds. */
export interface StoredNvLogo {
  logoId: string;
  hash: string;
}

export class NvLogoStore {
  private readonly db: Database.Database;

  constructor(
    databasePath: string,
    private readonly clock: Clock,
  ) {
    this.db = new Database(databasePath);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  /** What `key` of this printer holds, as far as this till stored it. */
  get(printerId: string, link: string, key: string): StoredNvLogo | undefined {
    const row = this.db
      .prepare('SELECT logo_id, hash FROM printer_nv_logos WHERE printer_id = ? AND link = ? AND nv_key = ?')
      .get(printerId, link, key);
    if (row === undefined) return undefined;
    const parsed = rowSchema.parse(row);
    return { logoId: parsed.logo_id, hash: parsed.hash };
  }

  /** Records that the printer confirmed storing `logo` under `key` (replacing what the key held). */
  record(printerId: string, link: string, key: string, logo: StoredNvLogo): void {
    this.db
      .prepare(
        `INSERT INTO printer_nv_logos (printer_id, link, nv_key, logo_id, hash, stored_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (printer_id, link, nv_key) DO UPDATE SET logo_id = excluded.logo_id, hash = excluded.hash, stored_at = excluded.stored_at`,
      )
      .run(printerId, link, key, logo.logoId, logo.hash, this.clock.now());
  }

  close(): void {
    this.db.close();
  }
}
