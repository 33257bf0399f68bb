import { z } from 'zod';
import type { Clock } from '../../src/platform/clock.js';
import type { StoreDatabase } from '../db/database.js';
import { OWASP_SCRYPT_COST, type ScryptCost, hashPassword, unknownLoginDigest, verifyPassword } from './passwords.js';

/** `hq` sees every store of the server (a chain's head office); `owner` only the stores listed for the login. */
export const dashboardRoleSchema = z.enum(['hq', 'owner']);
export type DashboardRole = z.infer<typeof dashboardRoleSchema>;

/** A dashboard login as the owner or HQ sets it up (server/main.ts flags, tests). */
export const accountSetupSchema = z.object({
  login: z.string().regex(/^[a-z0-9._@-]{2,64}$/, 'a login is 2-64 of a-z 0-9 . _ @ -'),
  displayName: z.string().min(1).max(80),
  role: dashboardRoleSchema,
  /** At least 10 characters: the dashboard is reachable from the shop's network, or the internet. */
  password: z.string().min(10).max(200),
  /** The stores an owner sees; ignored for HQ. */
  storeIds: z.array(z.string().min(1)).default([]),
});
export type AccountSetup = z.input<typeof accountSetupSchema>;

/** Who is signed in, and what they may see. */
export interface DashboardAccount {
  login: string;
  displayName: string;
  role: DashboardRole;
  /** The stores this login may see, by id (every store for HQ), in id order. */
  storeIds: string[];
}

const accountRow = z.object({ login: z.string(), display_name: z.string(), role: dashboardRoleSchema, password_hash: z.string() });

/** Failed logins of one login within this window... */
const FAILURE_WINDOW_MS = 15 * 60_000;
/** ...above this count refuse the login until the window passes (password guessing). */
const MAX_FAILURES = 5;

/** Why a login was refused (the page says so in the user's language). */
export type LoginOutcome = { ok: true; account: DashboardAccount } | { ok: false; reason: 'invalid' | 'locked' };

/**
 * The dashboard's owner and HQ logins (issue 18 points 5 and 6): passwords
 * as scrypt digests, the stores each login may see, and a lock after
 * repeated failures. Kept in the database only, so any server process
 * answers the same.
 */
export class DashboardAccounts {
  constructor(
    private readonly db: StoreDatabase,
    private readonly clock: Clock,
    /** The scrypt cost of new passwords (tests lower it; a stored digest keeps its own). */
    private readonly passwordCost: ScryptCost = OWASP_SCRYPT_COST,
  ) {}

  /** Creates the login or replaces its name, role, password and stores. */
  async upsert(setup: AccountSetup): Promise<void> {
    const account = accountSetupSchema.parse(setup);
    const digest = await hashPassword(account.password, this.passwordCost);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO dashboard_accounts (login, display_name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (login) DO UPDATE SET display_name = excluded.display_name, role = excluded.role, password_hash = excluded.password_hash`,
        [account.login, account.displayName, account.role, digest, this.clock.now()],
      );
      await tx.query('DELETE FROM dashboard_account_stores WHERE login = $1', [account.login]);
      if (account.role === 'owner') {
        for (const storeId of account.storeIds) {
          await tx.query('INSERT INTO dashboard_account_stores (login, store_id) VALUES ($1, $2)', [account.login, storeId]);
        }
      }
    });
  }

  /** Checks a login and password; a login with too many recent failures is refused whatever the password. */
  async login(login: string, password: string): Promise<LoginOutcome> {
    const since = this.clock.now() - FAILURE_WINDOW_MS;
    const failures = (await this.db.query<{ n: string | number }>('SELECT count(*) AS n FROM dashboard_login_failures WHERE login = $1 AND at > $2', [login, since])).rows[0];
    if (Number(failures?.n ?? 0) >= MAX_FAILURES) return { ok: false, reason: 'locked' };
    const found = (await this.db.query('SELECT login, display_name, role, password_hash FROM dashboard_accounts WHERE login = $1', [login])).rows[0];
    const row = found === undefined ? undefined : accountRow.parse(found);
    // An unknown login costs the same scrypt as a wrong password, so timing does not tell which.
    const matches = await verifyPassword(password, row?.password_hash ?? unknownLoginDigest(this.passwordCost));
    if (!row || !matches) {
      await this.db.query('INSERT INTO dashboard_login_failures (login, at) VALUES ($1, $2)', [login, this.clock.now()]);
      return { ok: false, reason: 'invalid' };
    }
    await this.db.query('DELETE FROM dashboard_login_failures WHERE login = $1 OR at <= $2', [login, since]);
    const account = await this.find(row.login);
    return account ? { ok: true, account } : { ok: false, reason: 'invalid' };
  }

  /** The account of `login` with the stores it may see, if it exists. */
  async find(login: string): Promise<DashboardAccount | undefined> {
    const found = (await this.db.query('SELECT login, display_name, role, password_hash FROM dashboard_accounts WHERE login = $1', [login])).rows[0];
    if (found === undefined) return undefined;
    const row = accountRow.parse(found);
    const stores =
      row.role === 'hq'
        ? await this.db.query<{ store_id: string }>('SELECT store_id FROM stores ORDER BY store_id')
        : await this.db.query<{ store_id: string }>('SELECT store_id FROM dashboard_account_stores WHERE login = $1 ORDER BY store_id', [login]);
    return { login: row.login, displayName: row.display_name, role: row.role, storeIds: stores.rows.map((s) => s.store_id) };
  }
}
