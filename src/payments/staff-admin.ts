import type { Clock } from '../platform/clock.js';
import { PaymentError } from './errors.js';
import { GuardedStaffDirectory, type PinAttemptStore } from './pin-guard.js';
import { OWNER_PIN_MIN_DIGITS, ownerPinAllowed } from './pin-policy.js';
import { type StaffDirectory, type StaffEntry, StaffList, type StaffMember, type StaffRole, hashPin, requireRole, staffEntrySchema } from './roles.js';

/** The first-start owner; settings shows a warning until this PIN is changed. */
export const DEFAULT_OWNER_PIN = '0000';

/** A change to the staff list that the rules refuse (`pin-required`, `pin-too-short`, `last-owner`). */
export class StaffRuleError extends PaymentError {}

/** Where the staff list is kept (staff.json in the data folder); changes are applied one at a time. */
export interface StaffDocument {
  get(): readonly StaffEntry[];
  update(edit: (staff: readonly StaffEntry[]) => StaffEntry[]): Promise<unknown>;
}

/** The staff as the settings screen lists them: never a PIN or its hash. */
export interface StaffView {
  staff: StaffMember[];
  defaultPinInUse: boolean;
}

/** Adds or changes a person; `pin` left out keeps the old one. */
export interface StaffSave {
  ownerPin: string;
  staffId: string;
  name: string;
  role: StaffRole;
  pin?: string;
}

/** The first staff list of a new till: one owner on PIN 0000. */
export function firstStaff(): StaffEntry[] {
  return [{ staffId: 'owner', name: 'Owner', role: 'owner', pinHash: hashPin(DEFAULT_OWNER_PIN) }];
}

/**
 * Roles and PINs, and the rules for changing them: every change needs an
 * owner's PIN, an owner's PIN has at least OWNER_PIN_MIN_DIGITS digits, a new
 * person needs a PIN, and the last owner cannot be removed or demoted (nobody
 * could close the day). It is the payment engine's StaffDirectory, so a
 * change takes effect on the next refund without a restart, and every PIN
 * check goes through the wrong-PIN counter (pin-guard.ts).
 */
export class StaffAdmin implements StaffDirectory {
  private list: StaffList;
  private readonly guarded: GuardedStaffDirectory;
  /** Whether 0000 still opens an owner, worked out (off the event loop) whenever the list changes. */
  private defaultPin = false;

  private constructor(
    private readonly doc: StaffDocument,
    attempts: PinAttemptStore,
    clock: Clock,
  ) {
    this.list = new StaffList(doc.get());
    this.guarded = new GuardedStaffDirectory({ findByPin: (pin) => this.list.findByPin(pin) }, attempts, clock);
  }

  /** The staff kept in `doc`, PIN tries counted in `attempts`. */
  static async open(doc: StaffDocument, attempts: PinAttemptStore, clock: Clock): Promise<StaffAdmin> {
    const admin = new StaffAdmin(doc, attempts, clock);
    await admin.refreshDefaultPin();
    return admin;
  }

  /** The person a PIN belongs to; throws `pin-locked` while wrong PINs must wait. */
  findByPin(pin: string): Promise<StaffMember | undefined> {
    return this.guarded.findByPin(pin);
  }

  /** True while the first-start owner PIN 0000 still works (live mode and registration refuse it). */
  defaultPinInUse(): boolean {
    return this.defaultPin;
  }

  /** The staff and their roles. */
  view(): StaffView {
    return { staff: this.doc.get().map(({ staffId, name, role }) => ({ staffId, name, role })), defaultPinInUse: this.defaultPin };
  }

  /** Adds or changes a person (the owner's PIN authorises it). */
  async save(input: StaffSave): Promise<StaffView> {
    await requireRole(this, input.ownerPin, 'owner');
    if (input.role === 'owner' && input.pin !== undefined && !ownerPinAllowed(input.pin))
      throw new StaffRuleError('pin-too-short', `An owner's PIN has at least ${OWNER_PIN_MIN_DIGITS} digits.`);
    const pinHash = input.pin === undefined ? undefined : hashPin(input.pin);
    await this.change((staff) => {
      const existing = staff.find((s) => s.staffId === input.staffId);
      if (!existing && !pinHash) throw new StaffRuleError('pin-required', 'A new person needs a PIN.');
      const entry: StaffEntry = { staffId: input.staffId, name: input.name, role: input.role, pinHash: pinHash ?? existing!.pinHash };
      return existing ? staff.map((s) => (s === existing ? entry : s)) : [...staff, entry];
    });
    return this.view();
  }

  /** Removes a person (the owner's PIN authorises it); the last owner stays. */
  async remove(input: { ownerPin: string; staffId: string }): Promise<StaffView> {
    await requireRole(this, input.ownerPin, 'owner');
    await this.change((staff) => staff.filter((s) => s.staffId !== input.staffId));
    return this.view();
  }

  /**
   * Replaces the whole list with the store's (main/services/store-data.ts):
   * the store server is the authority for a till linked to it and checked
   * the rules already (server/store-data.ts); the last-owner rule holds here
   * too. No owner PIN is asked at the till: the owner signed in on the server.
   */
  async adoptStoreList(entries: readonly StaffEntry[]): Promise<StaffView> {
    await this.change(() => entries.map((e) => staffEntrySchema.parse(e)));
    return this.view();
  }

  private async change(edit: (staff: readonly StaffEntry[]) => StaffEntry[]): Promise<void> {
    await this.doc.update((current) => {
      const staff = edit(current);
      if (!staff.some((s) => s.role === 'owner')) throw new StaffRuleError('last-owner', 'The till needs at least one owner.');
      return staff;
    });
    this.list = new StaffList(this.doc.get());
    await this.refreshDefaultPin();
  }

  private async refreshDefaultPin(): Promise<void> {
    this.defaultPin = (await this.list.findByPin(DEFAULT_OWNER_PIN))?.role === 'owner';
  }
}
