import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../src/api/index.js';
import { PermissionDeniedError } from '../../../src/payments/errors.js';
import { requireRole } from '../../../src/payments/roles.js';
import { DEFAULT_OWNER_PIN, StaffStore } from '../../../main/services/staff-store.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('pos-staff-');

describe('the staff list', () => {
  it('starts with one owner on PIN 0000 and says so until it is changed', async () => {
    const staff = await StaffStore.open(tempDir());
    expect(staff.view()).toEqual({ staff: [{ staffId: 'owner', name: 'Owner', role: 'owner' }], defaultPinInUse: true });
    await staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'owner', name: 'Owner', role: 'owner', pin: '4826' });
    expect(staff.view().defaultPinInUse).toBe(false);
  });

  it("needs the owner's PIN for every change, and keeps an owner", async () => {
    const dir = tempDir();
    const staff = await StaffStore.open(dir);
    await expect(staff.save({ ownerPin: '1234', staffId: 'kim', name: 'Kim', role: 'manager', pin: '5555' })).rejects.toBeInstanceOf(PermissionDeniedError);
    await staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'kim', name: 'Kim', role: 'manager', pin: '5555' });
    await expect(staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'lee', name: 'Lee', role: 'cashier' })).rejects.toMatchObject({ code: 'pin-required' });
    await expect(staff.remove({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'owner' })).rejects.toBeInstanceOf(ContractError);
    // The engine's role check sees the new manager at once, and so does the file on the next start.
    expect(requireRole(staff, '5555', 'manager').staffId).toBe('kim');
    const reopened = await StaffStore.open(dir);
    expect(reopened.view().staff.map((s) => s.staffId)).toEqual(['owner', 'kim']);
    expect(() => requireRole(reopened, '5555', 'owner')).toThrow(PermissionDeniedError);
  });
});
