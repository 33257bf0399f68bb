import { describe, expect, it } from 'vitest';
import { memoryPinAttempts } from '../../src/payments/pin-guard.js';
import type { StaffEntry } from '../../src/payments/roles.js';
import { DEFAULT_OWNER_PIN, StaffAdmin, type StaffDocument, StaffRuleError, firstStaff } from '../../src/payments/staff-admin.js';
import { ManualClock } from '../../src/platform/clock.js';

/** A staff document kept in memory: the rules live in src/, whatever file main/ keeps them in. */
function memoryStaff(): StaffDocument & { writes: number } {
  let staff: readonly StaffEntry[] = firstStaff();
  const doc = {
    writes: 0,
    get: () => staff,
    update: async (edit: (s: readonly StaffEntry[]) => StaffEntry[]) => {
      staff = edit(staff);
      doc.writes++;
    },
  };
  return doc;
}

const open = (doc: StaffDocument) => StaffAdmin.open(doc, memoryPinAttempts(), new ManualClock(Date.UTC(2026, 0, 5)));

describe('the staff rules (src/payments/staff-admin.ts)', () => {
  it('never demotes or removes the last owner, and writes nothing when it refuses', async () => {
    const doc = memoryStaff();
    const staff = await open(doc);
    await expect(staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'owner', name: 'Owner', role: 'manager' })).rejects.toMatchObject({ code: 'last-owner' });
    await expect(staff.remove({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'owner' })).rejects.toBeInstanceOf(StaffRuleError);
    expect(doc.writes).toBe(0);
    await staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'park', name: 'Park', role: 'owner', pin: '918273' });
    await staff.save({ ownerPin: '918273', staffId: 'owner', name: 'Owner', role: 'manager' });
    expect(staff.view()).toEqual({
      staff: [
        { staffId: 'owner', name: 'Owner', role: 'manager' },
        { staffId: 'park', name: 'Park', role: 'owner' },
      ],
      // 0000 now opens a manager, not an owner.
      defaultPinInUse: false,
    });
  });

  it("refuses a short owner PIN, a new person without a PIN and a manager's PIN for a change", async () => {
    const staff = await open(memoryStaff());
    await expect(staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'owner', name: 'Owner', role: 'owner', pin: '12345' })).rejects.toMatchObject({ code: 'pin-too-short' });
    await expect(staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'lee', name: 'Lee', role: 'cashier' })).rejects.toMatchObject({ code: 'pin-required' });
    await staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'kim', name: 'Kim', role: 'manager', pin: '5555' });
    await expect(staff.save({ ownerPin: '5555', staffId: 'lee', name: 'Lee', role: 'cashier', pin: '7777' })).rejects.toMatchObject({ code: 'role-too-low' });
  });
});
