import { z } from 'zod';
import { pinSchema } from '../../payments/pin-policy.js';

export const staffRoleSchema = z.enum(['cashier', 'manager', 'owner']);

/** A person who signs in at the till; PINs never leave the core. */
export const staffMemberSchema = z.object({
  staffId: z.string(),
  name: z.string(),
  role: staffRoleSchema,
});

export const staffListSchema = z.object({
  staff: z.array(staffMemberSchema),
  /** The first-start owner with PIN 0000 is still there: the settings screen asks to change it. */
  defaultPinInUse: z.boolean(),
});
export type StaffListView = z.infer<typeof staffListSchema>;


/** Adds or changes a person (the owner's PIN authorises it); `pin` left out keeps the old one. */
export const saveStaffSchema = z.strictObject({
  ownerPin: pinSchema,
  staffId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  name: z.string().trim().min(1).max(64),
  role: staffRoleSchema,
  pin: pinSchema.optional(),
});

export const removeStaffSchema = z.strictObject({ ownerPin: pinSchema, staffId: z.string().min(1).max(32) });
