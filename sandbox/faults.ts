import { z } from 'zod';

/**
 * Fault injection (docs/relay-protocol.md, "Fault injection"). Per request
 * with the header `X-Sandbox-Fault: drop-after, latency=200`, or for all
 * requests with rules set through POST /sandbox/admin/faults, each with a
 * probability drawn from a seeded generator so a run can be repeated.
 */
export const FAULT_KINDS = [
  /** Wait `value` ms before handling. */
  'latency',
  /** Handle and commit, then hold the answer `value` ms (default 60 s): past the client's timeout. */
  'timeout',
  /** Close the connection without handling: the request is lost on the way in. */
  'drop-before',
  /** Handle and commit, then close the connection: the answer is lost (the 망취소 case). */
  'drop-after',
  /** Answer 503 without handling. */
  'server-error',
  /** Handle and commit, then answer 500. */
  'server-error-after',
  /** Answer 200 `U UNKNOWN_EXCEPTION` without handling: the gateway says it does not know (cancel, refund...). */
  'unknown-before',
  /** Handle and commit, then answer 200 `U UNKNOWN_EXCEPTION`: processed, but the answer says unknown. */
  'unknown-after',
  /**
   * Refund: accept it as PROCESSING (`U REFUND_IN_PROCESS`) and complete it `value` ms later
   * (default: the sandbox's pending time), as WeChat Pay's asynchronous refunds.
   */
  'refund-processing',
  /** Event stream: send every event twice. */
  'duplicate-events',
  /** Event stream: send events in reverse order of each burst. */
  'out-of-order-events',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The faults applied to one request; `value` is the latency or hold time in ms. */
export type FaultSet = Partial<Record<FaultKind, number>>;

export const faultRuleSchema = z.object({
  fault: z.enum(FAULT_KINDS),
  value: z.number().int().min(0).max(600_000).optional(),
  /** Operation names of src/relay/operations.ts, plus "events"; absent = all. */
  operations: z.array(z.string()).optional(),
  probability: z.number().min(0).max(1).default(1),
});
export const faultConfigSchema = z.object({
  rules: z.array(faultRuleSchema).max(50),
  seed: z.number().int().default(1),
});
export type FaultConfig = z.input<typeof faultConfigSchema>;

/** Raised for an X-Sandbox-Fault header the sandbox does not understand. */
export class FaultSyntaxError extends Error {}

const DEFAULT_VALUE: Partial<Record<FaultKind, number>> = { latency: 100, timeout: 60_000 };

/** Parses `X-Sandbox-Fault: kind[=ms], ...`. */
export function parseFaultHeader(header: string | undefined): FaultSet {
  const set: FaultSet = {};
  if (!header) return set;
  for (const part of header
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [kind, value] = part.split('=');
    if (!(FAULT_KINDS as readonly string[]).includes(kind ?? '')) {
      throw new FaultSyntaxError(`unknown fault "${kind}"; known: ${FAULT_KINDS.join(', ')}`);
    }
    if (value !== undefined && !/^\d{1,6}$/.test(value))
      throw new FaultSyntaxError(`fault ${kind}: "${value}" is not a number of ms`);
    set[kind as FaultKind] =
      value !== undefined ? Number(value) : (DEFAULT_VALUE[kind as FaultKind] ?? 0);
  }
  return set;
}

/** The global rules and their seeded random generator. */
export class FaultInjector {
  private config: z.output<typeof faultConfigSchema> = { rules: [], seed: 1 };
  private random = mulberry32(1);

  /** Replaces the global rules (an empty list turns injection off) and reseeds. */
  configure(config: FaultConfig): void {
    this.config = faultConfigSchema.parse(config);
    this.random = mulberry32(this.config.seed);
  }

  current(): z.output<typeof faultConfigSchema> {
    return this.config;
  }

  /** The faults for one request of `operation`: its header's, plus the global rules that fire. */
  faultsFor(operation: string, header: string | undefined): FaultSet {
    const set = parseFaultHeader(header);
    for (const rule of this.config.rules) {
      if (rule.operations && !rule.operations.includes(operation)) continue;
      if (this.random() >= rule.probability) continue;
      set[rule.fault] ??= rule.value ?? DEFAULT_VALUE[rule.fault] ?? 0;
    }
    return set;
  }
}

/** A small seeded PRNG (mulberry32): same seed, same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
