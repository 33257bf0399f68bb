import type { Result } from './protocol.js';
import { type ClientAction, RESULT_CODES } from './result-codes.js';

/**
 * The three classes of a gateway answer (docs/relay-protocol.md, "Result
 * classes"):
 * - *outcome*: the operation was carried out and this is how it ended (S, or
 *   an F about the payment or refund itself, such as `USER_BALANCE_NOT_ENOUGH`);
 * - *refusal*: this request was not processed at all (authentication, clock,
 *   nonce, malformed request): the operation's state is unchanged, so after
 *   an earlier attempt whose answer was lost it is still unknown;
 * - *unknown*: `U`, or a code this client does not know (never assumed to be
 *   either of the others).
 * A lost or untrusted answer (GatewayUnreachableError) is unknown as well.
 */
export type ResultClass = 'outcome' | 'refusal' | 'unknown';

/** Actions of codes that refuse the request rather than answer for the operation. */
const REFUSAL_ACTIONS: ReadonlySet<ClientAction> = new Set<ClientAction>([
  'check-terminal-key',
  'check-clock',
  'retry-with-new-nonce',
  'register-terminal',
  'bug-report',
  'retry-later',
]);

/** The class of one answer's `result`. */
export function resultClass(result: Pick<Result, 'status' | 'code'>): ResultClass {
  if (result.status === 'U') return 'unknown';
  if (!(result.code in RESULT_CODES)) return 'unknown';
  const entry = RESULT_CODES[result.code as keyof typeof RESULT_CODES];
  // A code travelling with another status than the table's is not trusted either.
  if (entry.status !== result.status) return 'unknown';
  return REFUSAL_ACTIONS.has(entry.action) ? 'refusal' : 'outcome';
}
