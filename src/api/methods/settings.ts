import { defineMethods } from '../contract.js';
import { noInput } from '../schemas/app.js';
import { settingsPatchSchema, settingsSchema } from '../schemas/settings.js';

/** Store details, language and sound. */
export const settingsMethods = defineMethods({
  'settings.get': {
    summary: 'The current settings',
    input: noInput,
    result: settingsSchema,
    role: 'display',
  },
  'settings.update': {
    summary: "Changes some settings; returns all of them (the store details need a manager's PIN)",
    input: settingsPatchSchema,
    result: settingsSchema,
  },
});
