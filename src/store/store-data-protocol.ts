import { z } from 'zod';
import { pinSchema } from '../payments/pin-policy.js';
import { itemSchema, quickKeyLayoutSchema } from '../catalog/schemas.js';
import { staffEntrySchema } from '../payments/roles.js';
import { storeDetailsSchema } from '../receipts/index.js';
import { storeResultSchema } from './protocol.js';

/**
 * The store's data, managed once on the store server and followed by every
 * till of the store (issue 18 Deliver 3, docs/store-openapi.yaml): the
 * catalog, the staff with their PIN hashes, the store details printed on
 * receipts and the device settings. Every change on the server is a version;
 * a till at version N asks for what changed after N and applies it between
 * sales.
 */

export const STORE_DATA_PATH = '/v1/store-data';

/**
 * An item as the store manages it: the till's item without its stock. Stock
 * is counted per till from its own sales (src/catalog/sale-stock.ts), so the
 * store never overwrites it.
 */
export const storeItemSchema = itemSchema.omit({ stock: true });
export type StoreItem = z.infer<typeof storeItemSchema>;

/** Settings of the counter's devices the store sets for every till. Left out: the till keeps its own. */
export const deviceSettingsSchema = z.strictObject({
  /** native/printer profile id (code page, paper width); used from the till's next start. */
  printerProfile: z.string().min(1).max(64).optional(),
  language: z.enum(['ko', 'en', 'zh']).optional(),
  mute: z.boolean().optional(),
});
export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

/** A staff member as the owner edits them on the server: the PIN in clear only on its way in, hashed there. */
export const staffEditSchema = z.strictObject({
  staffId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  name: z.string().trim().min(1).max(64),
  role: z.enum(['cashier', 'manager', 'owner']),
  /** Left out: the person keeps the PIN they have (a new person needs one). */
  pin: pinSchema.optional(),
});
export type StaffEdit = z.infer<typeof staffEditSchema>;

/**
 * One change the owner makes (the dashboard sends it): the items given are
 * added or replaced (an item is retired with `active: false`, never deleted:
 * old sales and quick keys name it); the other parts, when given, replace
 * the whole part.
 */
export const storeDataEditSchema = z
  .strictObject({
    items: z.array(storeItemSchema).max(100_000).optional(),
    quickKeys: quickKeyLayoutSchema.optional(),
    /** The whole staff list; at least one owner. */
    staff: z.array(staffEditSchema).min(1).max(500).optional(),
    store: storeDetailsSchema.optional(),
    devices: deviceSettingsSchema.optional(),
  })
  .refine(
    (edit) => Object.values(edit).some((part) => part !== undefined),
    'an edit changes at least one part',
  );
export type StoreDataEdit = z.infer<typeof storeDataEditSchema>;

/**
 * What a till at version `since` needs to reach `version`: the items changed
 * after `since` and each other part changed after it. `version === since`:
 * nothing new. `since: 0` in the answer to a higher ask: the server does not
 * know the till's version (a restored server), so this is everything.
 */
export const storeDataChangesSchema = z.strictObject({
  since: z.number().int().min(0),
  version: z.number().int().min(0),
  items: z.array(storeItemSchema),
  quickKeys: quickKeyLayoutSchema.optional(),
  staff: z.array(staffEntrySchema).min(1).optional(),
  store: storeDetailsSchema.optional(),
  devices: deviceSettingsSchema.optional(),
});
export type StoreDataChanges = z.infer<typeof storeDataChangesSchema>;

export const storeDataResponseSchema = z.object({
  result: storeResultSchema,
  changes: storeDataChangesSchema,
});
export type StoreDataResponse = z.infer<typeof storeDataResponseSchema>;

/** The journal kind a till writes when it has applied a version (it reaches the server with the journal). */
export const STORE_DATA_APPLIED_KIND = 'store.data-applied';
