import { z } from 'zod';
import type { SqliteDatabase } from './database.js';

/**
 * A chain head the gateway has acknowledged holding, with the gateway's
 * signature over it (src/relay/journal-head.ts builds and checks it). Kept in
 * terminal_meta so `journal verify` can prove every row up to `seq` is the
 * one the gateway saw: a rewrite of any earlier row changes the hash at `seq`.
 */
export const journalAnchorSchema = z.object({
  terminalId: z.string().min(1).max(64),
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** When the gateway signed it (epoch ms as a decimal string). */
  timestamp: z.string().regex(/^\d{1,16}$/),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().min(1).max(200),
});
export type JournalAnchor = z.infer<typeof journalAnchorSchema>;

const ANCHOR_KEY = 'journal.anchor';

/** The newest gateway-acknowledged head stored on this till, if any. */
export function latestAnchor(db: SqliteDatabase): JournalAnchor | undefined {
  const row = db.prepare('SELECT value FROM terminal_meta WHERE key = ?').get(ANCHOR_KEY) as { value: string } | undefined;
  if (!row) return undefined;
  try {
    return journalAnchorSchema.parse(JSON.parse(row.value));
  } catch {
    // An unreadable anchor is no anchor: verify then reports the acknowledged rows it cannot prove.
    return undefined;
  }
}

/** Stores `anchor` unless a newer one (higher seq) is already held; returns whether it was stored. */
export function saveAnchor(db: SqliteDatabase, anchor: JournalAnchor): boolean {
  const held = latestAnchor(db);
  if (held && held.seq > anchor.seq) return false;
  db.prepare('INSERT INTO terminal_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    ANCHOR_KEY,
    JSON.stringify(journalAnchorSchema.parse(anchor)),
  );
  return true;
}
