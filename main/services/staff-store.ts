import { join } from 'node:path';
import { z } from 'zod';
import { PIN_POLICY } from '../../src/payments/pin-guard.js';
import { staffEntrySchema } from '../../src/payments/roles.js';
import { DEFAULT_OWNER_PIN, StaffAdmin, type StaffDocument, firstStaff } from '../../src/payments/staff-admin.js';
import { type Clock, systemClock } from '../../src/platform/clock.js';
import { JsonDocument, readJsonFile } from './json-file.js';
import { pinAttemptsFile } from './pin-attempts-file.js';

export { DEFAULT_OWNER_PIN };

const staffFileSchema = z.object({ staff: z.array(staffEntrySchema).min(1) });
type StaffFile = z.infer<typeof staffFileSchema>;

/** The till's staff: the rules of src/payments/staff-admin.ts over `staff.json` (PINs as scrypt hashes only). */
export type StaffStore = StaffAdmin;

export const StaffStore = {
  /** Opens `<dataDir>/staff.json` (one owner on 0000 when missing) with its wrong-PIN counter beside it. */
  async open(dataDir: string, clock: Clock = systemClock): Promise<StaffStore> {
    const file = join(dataDir, 'staff.json');
    const json = new JsonDocument<StaffFile>(file, await readJsonFile(file, staffFileSchema, { staff: firstStaff() }));
    const doc: StaffDocument = { get: () => json.get().staff, update: (edit) => json.update((current) => ({ staff: edit(current.staff) })) };
    return StaffAdmin.open(doc, pinAttemptsFile(join(dataDir, 'pin-attempts.json'), PIN_POLICY.lockAfter), clock);
  },
};
