import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../src/platform/clock.js';
import type { StoreDatabase } from '../db/database.js';
import type { DashboardAccount, DashboardAccounts } from './accounts.js';

/** A dashboard session lasts a working day; the owner signs in again the next. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Dashboard sessions: a random 256-bit token goes to the browser (an
 * HttpOnly cookie), its sha256 to the database, so every server process
 * checks it the same and a copy of the table opens no session.
 */
export class DashboardSessions {
  constructor(
    private readonly db: StoreDatabase,
    private readonly clock: Clock,
    private readonly accounts: DashboardAccounts,
  ) {}

  /** Opens a session for `login` and returns its token (sent once, never stored). */
  async open(login: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.db.query('DELETE FROM dashboard_sessions WHERE expires_at <= $1', [now]);
    await this.db.query('INSERT INTO dashboard_sessions (token_sha256, login, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      digest(token),
      login,
      now,
      now + SESSION_TTL_MS,
    ]);
    return token;
  }

  /** The account signed in with `token`, if the session exists and has not expired. */
  async account(token: string | undefined): Promise<DashboardAccount | undefined> {
    if (!token) return undefined;
    const row = (
      await this.db.query<{ login: string }>('SELECT login FROM dashboard_sessions WHERE token_sha256 = $1 AND expires_at > $2', [digest(token), this.clock.now()])
    ).rows[0];
    return row ? this.accounts.find(row.login) : undefined;
  }

  /** Ends the session of `token` (sign out). */
  async close(token: string): Promise<void> {
    await this.db.query('DELETE FROM dashboard_sessions WHERE token_sha256 = $1', [digest(token)]);
  }
}
