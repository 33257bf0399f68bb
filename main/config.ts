import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { PosMode } from '../src/api/index.js';
import { gatewayUrlProblem } from '../src/relay/gateway-url.js';
import { devicesConfigSchema } from './services/device-config.js';

/**
 * `<dataDir>/config.json`: what differs between tills. Without a `gateway`
 * the till runs in training mode (DESIGN.md, Training mode).
 */
export const posConfigSchema = z.strictObject({
  terminalId: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,32}$/, 'terminalId: letters, digits and dashes, at most 32')
    .default('TRAINING-01'),
  /** Live mode: https only, no credentials in the URL (src/relay/gateway-url.ts). */
  gateway: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }).superRefine((url, ctx) => {
        const problem = gatewayUrlProblem(url);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    })
    .optional(),
  /**
   * The store server (server/, docs/store-openapi.yaml): every journal record
   * goes there too, through a cursor of its own. `tillId` defaults to the
   * terminal id; `enrollmentCode` enrolls this till's key on start (kept
   * harmlessly: a second enrollment with the same key is a no-op).
   */
  store: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }),
      tillId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/).optional(),
      enrollmentCode: z.string().min(4).max(128).optional(),
    })
    .optional(),
  /** Close-out: the hour (KST) the business date turns, e.g. 4 for a bar open past midnight (default 4). */
  closeout: z.strictObject({ cutoffHour: z.number().int().min(0).max(23).optional() }).optional(),
  /** The sale screen: an open-price line above `openPriceLimit` (minor units, default ₩1,000,000) asks the cashier to confirm it. */
  checkout: z.strictObject({ openPriceLimit: z.number().int().positive().optional() }).optional(),
  /** The counter's printer, drawer, scanners and pole display (live mode; docs/hardware-printers.md). */
  devices: devicesConfigSchema.optional(),
});

export type PosConfig = z.output<typeof posConfigSchema> & { dataDir: string };

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const CONFIG_FILE = 'config.json';

/** Training when no gateway is configured; training and live journals never mix. */
export function modeOf(config: PosConfig): PosMode {
  return config.gateway ? 'live' : 'training';
}

/** Reads and validates the data directory's config; a missing file means all defaults. */
export async function loadPosConfig(dataDir: string): Promise<PosConfig> {
  const file = join(dataDir, CONFIG_FILE);
  let raw: unknown = {};
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`${file} cannot be read: ${(error as Error).message}`);
    }
  }
  const parsed = posConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(`${file} is invalid:\n${z.prettifyError(parsed.error)}`);
  return { ...parsed.data, dataDir };
}
