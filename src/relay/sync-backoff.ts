/** How long to wait between retries: exponential growth, capped. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * The delay before retry number `attempt` (0 = first retry): exponential
 * with "equal jitter" (half fixed, half random). The random half spreads the
 * retries of many tills that lost the same gateway at the same moment, so
 * they do not all come back in lock-step; the fixed half keeps a retry from
 * firing immediately after a failure.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt, 0), 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const half = ceiling / 2;
  return Math.round(half + random() * half);
}
