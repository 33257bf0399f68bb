import { z } from 'zod';
import { pinSchema } from '../../payments/pin-policy.js';
import { isValidBusinessNumber, storeDetailsSchema } from '../../receipts/store-details-schema.js';

export { isValidBusinessNumber, storeDetailsSchema };

export const languageSchema = z.enum(['ko', 'en', 'zh']);

export const settingsSchema = z.object({
  store: storeDetailsSchema,
  language: languageSchema,
  /** Silences the scan beep and the drawer chime. */
  mute: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * A partial change; what is left out stays as it is. The store details are
 * printed on every receipt (사업자등록번호 included), so changing them needs a
 * manager's PIN (issue 14 point 3); the language and the sound need none.
 */
export const settingsPatchSchema = z.strictObject({
  store: z.strictObject(storeDetailsSchema.partial().shape).optional(),
  language: languageSchema.optional(),
  mute: z.boolean().optional(),
  managerPin: pinSchema.optional(),
});
export type SettingsPatch = Omit<z.infer<typeof settingsPatchSchema>, 'managerPin'>;

export const defaultSettings: Settings = {
  store: { name: '', businessNumber: '', representative: '', address: '', phone: '' },
  language: 'ko',
  mute: false,
};
