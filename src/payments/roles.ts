import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';
import { PermissionDeniedError } from './errors.js';
import { isPinFormat } from './pin-policy.js';

/** Who may do what at the till, lowest first. */
export type StaffRole = 'cashier' | 'manager' | 'owner';

const RANK: Record<StaffRole, number> = { cashier: 0, manager: 1, owner: 2 };

/** A person who can sign in at the till. */
export interface StaffMember {
  staffId: string;
  name: string;
  role: StaffRole;
}

/** The staff list as configured: PINs only as scrypt hashes (hashPin). */
export const staffEntrySchema = z.object({
  staffId: z.string().min(1).max(64),
  name: z.string().min(1).max(64),
  role: z.enum(['cashier', 'manager', 'owner']),
  pinHash: z.string().regex(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/),
});
export type StaffEntry = z.infer<typeof staffEntrySchema>;

// A PIN has few digits, so the hash is there to keep a copied config from
// revealing PINs at a glance, not to resist a determined search; a modest
// cost keeps a manager's approval instant on a slow till.
const SCRYPT = { N: 1 << 12, r: 8, p: 1 } as const;

/** Hashes a 4-8 digit PIN for the staff list. */
export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  if (!isPinFormat(pin)) throw new PermissionDeniedError('pin-format', 'A PIN is 4 to 8 digits.');
  return `scrypt$${salt.toString('hex')}$${scryptSync(pin, salt, 32, SCRYPT).toString('hex')}`;
}

const scryptAsync = promisify(scrypt) as (pin: string, salt: Buffer, keylen: number, options: typeof SCRYPT) => Promise<Buffer>;

/**
 * Checks a PIN on libuv's thread pool: a synchronous scrypt per staff entry
 * stalled the event loop (sockets, scanners, the screen) on every PIN check,
 * and a brute force made the whole till stutter (issue 14 point 4).
 */
async function pinMatches(pin: string, pinHash: string): Promise<boolean> {
  const [, saltHex, hashHex] = pinHash.split('$');
  const expected = Buffer.from(hashHex!, 'hex');
  const actual = await scryptAsync(pin, Buffer.from(saltHex!, 'hex'), expected.length, SCRYPT);
  return timingSafeEqual(actual, expected);
}

/** Finds the staff member a PIN belongs to. */
export interface StaffDirectory {
  findByPin(pin: string): Promise<StaffMember | undefined>;
}

/** A staff directory over a configured list of entries. */
export class StaffList implements StaffDirectory {
  private readonly entries: StaffEntry[];

  constructor(entries: readonly StaffEntry[]) {
    this.entries = entries.map((e) => staffEntrySchema.parse(e));
  }

  async findByPin(pin: string): Promise<StaffMember | undefined> {
    if (!isPinFormat(pin)) return undefined;
    for (const entry of this.entries) {
      if (await pinMatches(pin, entry.pinHash)) return { staffId: entry.staffId, name: entry.name, role: entry.role };
    }
    return undefined;
  }
}

/**
 * The role check of the core: refunds, voids and pay-outs call it whatever
 * the screen did, so a bypassed or buggy UI cannot refund without a
 * manager's PIN.
 */
export async function requireRole(directory: StaffDirectory, pin: string | undefined, role: StaffRole): Promise<StaffMember> {
  const member = pin ? await directory.findByPin(pin) : undefined;
  if (!member) throw new PermissionDeniedError('pin-invalid', `A ${role}'s PIN is needed for this.`);
  if (RANK[member.role] < RANK[role]) {
    throw new PermissionDeniedError('role-too-low', `${member.name} may not do this: a ${role}'s PIN is needed.`);
  }
  return member;
}
