import { z } from 'zod';
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

/** A partial change; what is left out stays as it is. */
export const settingsPatchSchema = z.strictObject({
  store: z.strictObject(storeDetailsSchema.partial().shape).optional(),
  language: languageSchema.optional(),
  mute: z.boolean().optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const defaultSettings: Settings = {
  store: { name: '', businessNumber: '', representative: '', address: '', phone: '' },
  language: 'ko',
  mute: false,
};
