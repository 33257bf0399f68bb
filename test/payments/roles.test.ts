import { describe, expect, it } from 'vitest';
import { PermissionDeniedError } from '../../src/payments/errors.js';
import { requireRole } from '../../src/payments/roles.js';
import { CASHIER_PIN, MANAGER_PIN, staff } from './harness.js';

describe('roles', () => {
  it('lets a manager do what a cashier may, not the other way round', () => {
    expect(requireRole(staff, MANAGER_PIN, 'cashier').staffId).toBe('m1');
    expect(requireRole(staff, MANAGER_PIN, 'manager').role).toBe('manager');
    expect(() => requireRole(staff, CASHIER_PIN, 'manager')).toThrow(/Cashier Kim may not do this/);
    expect(() => requireRole(staff, MANAGER_PIN, 'owner')).toThrow(PermissionDeniedError);
    expect(() => requireRole(staff, undefined, 'cashier')).toThrow(/PIN is needed/);
    expect(() => requireRole(staff, '12a4', 'cashier')).toThrow(PermissionDeniedError);
  });
});
