import { join } from 'node:path';
import { z } from 'zod';
import { ContractError, type StaffListView } from '../../src/api/index.js';
import {
  type StaffRole,
  type StaffDirectory,
  type StaffEntry,
  StaffList,
  type StaffMember,
  hashPin,
  requireRole,
  staffEntrySchema,
} from '../../src/payments/roles.js';
import { GuardedStaffDirectory, PIN_POLICY, type PinAttemptStore } from '../../src/payments/pin-guard.js';
import { OWNER_PIN_MIN_DIGITS, ownerPinAllowed } from '../../src/payments/pin-policy.js';
import { type Clock, systemClock } from '../../src/platform/clock.js';
import { JsonDocument, readJsonFile } from './json-file.js';
import { pinAttemptsFile } from './pin-attempts-file.js';

const staffFileSchema = z.object({ staff: z.array(staffEntrySchema).min(1) });
type StaffFile = z.infer<typeof staffFileSchema>;

/** The first-start owner; settings shows a warning until this PIN is changed. */
export const DEFAULT_OWNER_PIN = '0000';

/**
 * Roles and PINs (`staff.json`, PINs as scrypt hashes only). It is the payment
 * engine's StaffDirectory, so a change takes effect on the next refund without
 * a restart. Every change needs an owner's PIN, and the last owner cannot be
 * removed or demoted (nobody could close the day).
 */
export class StaffStore implements StaffDirectory {
  private list: StaffList;
  private readonly guarded: GuardedStaffDirectory;
  /** Whether 0000 still opens an owner, worked out (off the event loop) whenever the list changes. */
  private defaultPin = false;

  private constructor(
    private readonly doc: JsonDocument<StaffFile>,
    attempts: PinAttemptStore,
    clock: Clock,
  ) {
    this.list = new StaffList(doc.get().staff);
    // Every PIN check of the till goes through the wrong-PIN counter (pin-guard.ts).
    this.guarded = new GuardedStaffDirectory({ findByPin: (pin) => this.list.findByPin(pin) }, attempts, clock);
  }

  static async open(dataDir: string, clock: Clock = systemClock): Promise<StaffStore> {
    const file = join(dataDir, 'staff.json');
    const fallback: StaffFile = {
      staff: [{ staffId: 'owner', name: 'Owner', role: 'owner', pinHash: hashPin(DEFAULT_OWNER_PIN) }],
    };
    const attempts = pinAttemptsFile(join(dataDir, 'pin-attempts.json'), PIN_POLICY.lockAfter);
    const store = new StaffStore(new JsonDocument(file, await readJsonFile(file, staffFileSchema, fallback)), attempts, clock);
    await store.refreshDefaultPin();
    return store;
  }

  findByPin(pin: string): Promise<StaffMember | undefined> {
    return this.guarded.findByPin(pin);
  }

  /** True while the first-start owner PIN 0000 still works (live mode and registration refuse it). */
  defaultPinInUse(): boolean {
    return this.defaultPin;
  }

  private async refreshDefaultPin(): Promise<void> {
    this.defaultPin = (await this.list.findByPin(DEFAULT_OWNER_PIN))?.role === 'owner';
  }

  view(): StaffListView {
    return {
      staff: this.doc.get().staff.map(({ staffId, name, role }) => ({ staffId, name, role })),
      defaultPinInUse: this.defaultPinInUse(),
    };
  }

  async save(input: { ownerPin: string; staffId: string; name: string; role: StaffRole; pin?: string }): Promise<StaffListView> {
    await this.authorise(input.ownerPin);
    if (input.role === 'owner' && input.pin !== undefined && !ownerPinAllowed(input.pin))
      throw new ContractError('pin-too-short', `An owner's PIN has at least ${OWNER_PIN_MIN_DIGITS} digits.`);
    const pinHash = input.pin === undefined ? undefined : hashPin(input.pin);
    await this.change((staff) => {
      const existing = staff.find((s) => s.staffId === input.staffId);
      if (!existing && !pinHash) throw new ContractError('pin-required', 'A new person needs a PIN.');
      const entry: StaffEntry = { staffId: input.staffId, name: input.name, role: input.role, pinHash: pinHash ?? existing!.pinHash };
      return existing ? staff.map((s) => (s === existing ? entry : s)) : [...staff, entry];
    });
    return this.view();
  }

  async remove(input: { ownerPin: string; staffId: string }): Promise<StaffListView> {
    await this.authorise(input.ownerPin);
    await this.change((staff) => staff.filter((s) => s.staffId !== input.staffId));
    return this.view();
  }

  /**
   * Replaces the whole list with the store's (main/services/store-data.ts):
   * the store server is the authority for a till linked to it and checked
   * the rules already (server/store-data.ts); the last-owner rule holds here
   * too. No owner PIN is asked at the till: the owner signed in on the server.
   */
  async adoptStoreList(entries: readonly StaffEntry[]): Promise<StaffListView> {
    await this.change(() => entries.map((e) => staffEntrySchema.parse(e)));
    return this.view();
  }

  /** Throws the engine's PermissionDeniedError, which the handlers pass on with its code. */
  private async authorise(pin: string): Promise<void> {
    await requireRole(this, pin, 'owner');
  }

  private async change(edit: (staff: StaffEntry[]) => StaffEntry[]): Promise<void> {
    await this.doc.update((current) => {
      const staff = edit(current.staff);
      if (!staff.some((s) => s.role === 'owner')) {
        throw new ContractError('last-owner', 'The till needs at least one owner.');
      }
      return { staff };
    });
    this.list = new StaffList(this.doc.get().staff);
    await this.refreshDefaultPin();
  }
}
