import { describe, expect, it } from 'vitest';
import { PermissionDeniedError } from '../../../src/payments/errors.js';
import { PIN_POLICY, pinDelayMs } from '../../../src/payments/pin-guard.js';
import { requireRole } from '../../../src/payments/roles.js';
import { ManualClock } from '../../../src/platform/clock.js';
import { DEFAULT_OWNER_PIN, StaffStore } from '../../../main/services/staff-store.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('pos-staff-');

describe('the staff list', () => {
  it('starts with one owner on PIN 0000 and says so until it is changed', async () => {
    const staff = await StaffStore.open(tempDir());
    expect(staff.view()).toEqual({ staff: [{ staffId: 'owner', name: 'Owner', role: 'owner' }], defaultPinInUse: true });
    await staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'owner', name: 'Owner', role: 'owner', pin: '482613' });
    expect(staff.view().defaultPinInUse).toBe(false);
  });

  it("needs the owner's PIN for every change, and keeps an owner", async () => {
    const dir = tempDir();
    const staff = await StaffStore.open(dir);
    await expect(staff.save({ ownerPin: '1234', staffId: 'kim', name: 'Kim', role: 'manager', pin: '5555' })).rejects.toBeInstanceOf(PermissionDeniedError);
    await staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'kim', name: 'Kim', role: 'manager', pin: '5555' });
    await expect(staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'lee', name: 'Lee', role: 'cashier' })).rejects.toMatchObject({ code: 'pin-required' });
    await expect(staff.remove({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'owner' })).rejects.toMatchObject({ code: 'last-owner' });
    // The engine's role check sees the new manager at once, and so does the file on the next start.
    expect((await requireRole(staff, '5555', 'manager')).staffId).toBe('kim');
    const reopened = await StaffStore.open(dir);
    expect(reopened.view().staff.map((s) => s.staffId)).toEqual(['owner', 'kim']);
    await expect(requireRole(reopened, '5555', 'owner')).rejects.toThrow(PermissionDeniedError);
  });

  it("refuses an owner PIN shorter than 6 digits", async () => {
    const staff = await StaffStore.open(tempDir());
    await expect(staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'owner', name: 'Owner', role: 'owner', pin: '4826' })).rejects.toMatchObject({ code: 'pin-too-short' });
    expect(staff.view().defaultPinInUse).toBe(true);
  });

  it('slows down and then locks wrong PINs, across a restart, and a brute force never reaches the PIN', async () => {
    const dir = tempDir();
    const clock = new ManualClock(Date.UTC(2026, 0, 5));
    const staff = await StaffStore.open(dir, clock);
    await staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'owner', name: 'Owner', role: 'owner', pin: '731904' });
    let tried = 0;
    let refused = 0;
    // An attacker trying every PIN as fast as the till lets them, for an hour of till time.
    for (let pin = 0; pin < 2_000 && clock.now() < Date.UTC(2026, 0, 5, 1); pin++) {
      try {
        tried++;
        if (await staff.findByPin(String(pin).padStart(6, '0'))) throw new Error('found the PIN');
      } catch (error) {
        if (!(error instanceof PermissionDeniedError)) throw error;
        refused++;
        clock.advance(1_000);
      }
    }
    expect(refused).toBeGreaterThan(tried - 20);
    expect([0, 2, 3, 4, 9, 10].map(pinDelayMs)).toEqual([0, 0, 1_000, 2_000, 64_000, PIN_POLICY.lockoutMs]);
    const reopened = await StaffStore.open(dir, clock);
    await expect(reopened.findByPin('731904')).rejects.toThrow(/locked/);
    clock.advance(PIN_POLICY.lockoutMs);
    expect((await reopened.findByPin('731904'))?.staffId).toBe('owner');
  });
});
