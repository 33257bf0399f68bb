import { join } from 'node:path';
import { z } from 'zod';
import { JsonDocument, readJsonFile } from './json-file.js';

const devicePreferencesSchema = z.object({
  /** native/printer profile id: code page, paper width, Korean support. */
  printerProfile: z.string().min(1).default('korean-80'),
});
export type DevicePreferences = z.infer<typeof devicePreferencesSchema>;

/** `devices.json`: choices about the counter's hardware made in settings. */
export async function openDevicePreferences(dataDir: string): Promise<JsonDocument<DevicePreferences>> {
  const file = join(dataDir, 'devices.json');
  return new JsonDocument(file, await readJsonFile(file, devicePreferencesSchema, devicePreferencesSchema.parse({})));
}
