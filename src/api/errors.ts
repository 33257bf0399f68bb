import { z } from 'zod';

/** One reason an input was refused: where (dotted path) and why. */
export const apiIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ApiIssue = z.infer<typeof apiIssueSchema>;

/**
 * The error every transport returns instead of throwing: a stable code the UI
 * can branch on, a message for the log, and for invalid input the issues.
 */
export const apiErrorSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  issues: z.array(apiIssueSchema).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** The envelope of every answer on both transports. */
export const callOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);
export type CallOutcome<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiError };

/** Codes produced by the contract machinery itself; handlers add domain codes. */
export const ContractErrorCode = {
  invalidInput: 'invalid_input',
  unknownMethod: 'unknown_method',
  forbidden: 'forbidden',
  unauthorized: 'unauthorized',
  internal: 'internal',
  invalidResult: 'invalid_result',
  transportFailed: 'transport_failed',
} as const;

/**
 * A refused call. Handlers throw it for domain failures (for example
 * `cpm_offline`); the client throws it when an answer is `ok: false`.
 */
export class ContractError extends Error {
  override readonly name = 'ContractError';

  constructor(
    readonly code: string,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
  }

  /** The JSON body sent over a transport. */
  toBody(): ApiError {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }

  /** Rebuilds the error on the calling side. */
  static fromBody(body: ApiError): ContractError {
    return new ContractError(body.code, body.message, body.issues);
  }
}

/** zod issues in the JSON-safe form sent to the caller. */
export function toApiIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
