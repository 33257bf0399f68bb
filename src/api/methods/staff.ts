import { defineMethods } from '../contract.js';
import { noInput } from '../schemas/app.js';
import { removeStaffSchema, saveStaffSchema, staffListSchema } from '../schemas/staff.js';

/** Roles and PINs: who may refund, pay out and close the day. */
export const staffMethods = defineMethods({
  'staff.list': {
    summary: 'The staff and their roles (never their PINs)',
    input: noInput,
    result: staffListSchema,
  },
  'staff.save': {
    summary: "Adds or changes a person (owner's PIN)",
    input: saveStaffSchema,
    result: staffListSchema,
  },
  'staff.remove': {
    summary: "Removes a person (owner's PIN); the last owner stays",
    input: removeStaffSchema,
    result: staffListSchema,
  },
});
