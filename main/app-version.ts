import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './paths.js';

const appPackageSchema = z.object({
  version: z.string(),
  engines: z.object({ node: z.string().optional() }).optional(),
});

/** package.json's version and engines. */
export async function readAppPackage(
  root: string = PROJECT_ROOT,
): Promise<z.infer<typeof appPackageSchema>> {
  return appPackageSchema.parse(JSON.parse(await readFile(join(root, 'package.json'), 'utf8')));
}

/** The version in package.json, for `app.info` outside Electron (which has app.getVersion()). */
export async function readAppVersion(root: string = PROJECT_ROOT): Promise<string> {
  return (await readAppPackage(root)).version;
}
