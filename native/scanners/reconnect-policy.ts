import { z } from 'zod';

/**
 * How fast a driver retries a device that went away. Doubling from a short
 * first delay finds a replugged scanner within a fraction of a second, and the
 * ceiling keeps an absent device from costing more than an open attempt every 2 s.
 */
export const reconnectPolicySchema = z.object({
  initialDelayMs: z.number().int().positive().default(250),
  maxDelayMs: z.number().int().positive().default(2000),
  /** How often a connected serial device's path is checked, to notice an unplug the OS did not report. */
  presenceCheckMs: z.number().int().positive().default(1000),
});

export type ReconnectPolicy = z.infer<typeof reconnectPolicySchema>;

/** The default policy: 250 ms, doubling, at most 2 s; presence checked every second. */
export const defaultReconnectPolicy: ReconnectPolicy = reconnectPolicySchema.parse({});

/** Delay before retry number `attempt` (0-based). */
export function reconnectDelay(attempt: number, policy: ReconnectPolicy): number {
  const exponent = Math.min(attempt, 30);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
}
