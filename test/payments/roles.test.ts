import { describe, expect, it } from 'vitest';
import { PermissionDeniedError } from '../../src/payments/errors.js';
import { requireRole } from '../../src/payments/roles.js';
import { CASHIER_PIN, MANAGER_PIN, staff } from './harness.js';

describe('roles', () => {
  it('lets a manager do what a cashier may, not the other way round', async () => {
    expect((await requireRole(staff, MANAGER_PIN, 'cashier')).staffId).toBe('m1');
    expect((await requireRole(staff, MANAGER_PIN, 'manager')).role).toBe('manager');
    await expect(requireRole(staff, CASHIER_PIN, 'manager')).rejects.toThrow(/Cashier Kim may not do this/);
    await expect(requireRole(staff, MANAGER_PIN, 'owner')).rejects.toThrow(PermissionDeniedError);
    await expect(requireRole(staff, undefined, 'cashier')).rejects.toThrow(/PIN is needed/);
    await expect(requireRole(staff, '12a4', 'cashier')).rejects.toThrow(PermissionDeniedError);
  });

  it('checks PINs off the event loop: a timer fires while several PINs are checked', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const checks = Array.from({ length: 20 }, () => staff.findByPin('99999999'));
    const pending = Promise.all(checks);
    // Synchronous scrypt would have finished all 20 checks before this line ran.
    let settled = false;
    void pending.then(() => (settled = true));
    expect(settled).toBe(false);
    await pending;
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });
});
