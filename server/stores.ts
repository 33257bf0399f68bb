import type { Clock } from '../src/platform/clock.js';
import type { StoreDatabase } from './db/database.js';
import { enrollmentDigest } from './till-auth.js';

/** A store as the owner sets it up. */
export interface StoreSetup {
  storeId: string;
  name: string;
  /** The code a till presents to enroll in this store (kept as its digest). */
  enrollmentCode: string;
  /** The business day's cut-off hour, KST (src/platform/business-time.ts). */
  cutoffHour?: number;
}

/**
 * Creates the store, or updates its name, code and cut-off: the server's
 * start-up flags and the fleet simulation call this; the dashboard will too.
 */
export async function upsertStore(db: StoreDatabase, clock: Clock, store: StoreSetup): Promise<void> {
  await db.query(
    `INSERT INTO stores (store_id, name, enrollment_code_sha256, cutoff_hour, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (store_id) DO UPDATE SET name = excluded.name, enrollment_code_sha256 = excluded.enrollment_code_sha256, cutoff_hour = excluded.cutoff_hour`,
    [store.storeId, store.name, enrollmentDigest(store.enrollmentCode), store.cutoffHour ?? 4, clock.now()],
  );
}
