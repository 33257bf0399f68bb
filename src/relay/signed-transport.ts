import type { KeyObject } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { ConnectivityMonitor } from './connectivity.js';
import { type GatewayFailureKind, GatewayUnreachableError } from './gateway.js';
import {
  type OperationAnswer,
  type OperationInput,
  RELAY_OPERATIONS,
  type RelayOperationName,
  operationPath,
} from './operations.js';
import { ANSWER_HEADERS, gatewayKeyId, verifyAnswer } from './answer-signing.js';
import { type GatewayKeyPin, followRotations } from './gateway-key.js';
import { gatewayKeysResponseSchema } from './protocol.js';
import { newNonce, publicKeyFromBase64, signRequest } from './signing.js';

/** A request the client refused to send because it breaks the protocol schema (a bug in the caller). */
export class InvalidRelayRequestError extends Error {
  constructor(
    readonly operation: string,
    readonly issues: string,
  ) {
    super(`${operation}: request does not match the protocol: ${issues}`);
  }
}

/** What the transport needs: where, who, with which key, and its ports. */
export interface SignedTransportDeps {
  baseUrl: string;
  terminalId: string;
  privateKey: KeyObject;
  clock: Clock;
  logger: Logger;
  fetch: typeof fetch;
  monitor: ConnectivityMonitor;
  /** The gateway's pinned public key; answers it did not sign are not believed. */
  gatewayKey: GatewayKeyPin;
}

/** One request as sent and its answer as received, before anything is believed. */
interface Exchange {
  method: 'GET' | 'POST';
  path: string;
  nonce: string;
  status: number;
  text: string;
  signature: { timestamp?: string; signature?: string; keyId?: string };
}

/**
 * One signed HTTP exchange with the gateway: sign, send with a timeout,
 * classify what went wrong, validate the answer. It never retries; the
 * client decides which operations may be retried (never pay).
 */
export class SignedTransport {
  private readonly base: string;

  constructor(private readonly deps: SignedTransportDeps) {
    this.base = deps.baseUrl.replace(/\/+$/, '');
  }

  /** Sends a signed request and returns the raw response (the event stream reads it as a stream). */
  open(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    body: string,
    signal: AbortSignal,
    headers: Record<string, string> = {},
    nonce: string = newNonce(),
  ): Promise<Response> {
    const url = new URL(this.base + pathWithQuery);
    const signed = signRequest(
      this.deps.privateKey,
      this.deps.terminalId,
      { method, pathWithQuery: url.pathname + url.search, body },
      this.deps.clock.now(),
      nonce,
    );
    return this.deps.fetch(url, {
      method,
      headers: {
        ...headers,
        ...signed,
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      body: method === 'POST' ? body : undefined,
      signal,
    });
  }

  /**
   * Calls `name` and resolves with its schema-validated answer (any result
   * status), or rejects with GatewayUnreachableError: 'timeout',
   * 'connection', 'server-error' (HTTP 5xx), 'malformed-answer',
   * 'unauthenticated-answer' (unsigned, forged, stale or signed by a key
   * that is not pinned) or, from the client, 'mismatched-answer'.
   */
  async call<N extends RelayOperationName>(
    name: N,
    input: OperationInput<N>,
    timeoutMs: number,
  ): Promise<OperationAnswer<N>> {
    const definition = RELAY_OPERATIONS[name];
    const checked = definition.request.safeParse(input);
    if (!checked.success) throw new InvalidRelayRequestError(name, summarize(checked.error.issues));
    const request = checked.data as Record<string, unknown>;
    const path = operationPath(name, request);
    const body = definition.method === 'POST' ? JSON.stringify(request) : '';
    const started = this.deps.clock.monotonic();
    const exchange = await this.exchange(name, definition.method, path, body, timeoutMs);
    const { status, text } = exchange;
    if (status >= 500) throw this.fail('server-error', name, `HTTP ${status}`);

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    await this.authenticate(name, exchange, json);
    if (json === undefined)
      throw this.fail(
        'malformed-answer',
        name,
        `HTTP ${status}: answer is not JSON (${JSON.stringify(text.slice(0, 80))})`,
      );
    const answer = definition.response.safeParse(json);
    if (!answer.success)
      throw this.fail(
        'malformed-answer',
        name,
        `HTTP ${status}: ${summarize(answer.error.issues)}`,
      );

    const latency = this.deps.clock.monotonic() - started;
    this.deps.monitor.recordAnswer(latency);
    const result = (answer.data as { result: { status: string; code: string } }).result;
    this.deps.logger.debug(
      { operation: name, http: status, status: result.status, code: result.code, ms: latency },
      'relay answer',
    );
    return answer.data as OperationAnswer<N>;
  }

  /** Sends one signed request and reads the whole answer. */
  private async exchange(
    name: string,
    method: 'GET' | 'POST',
    path: string,
    body: string,
    timeoutMs: number,
  ): Promise<Exchange> {
    const nonce = newNonce();
    try {
      const response = await this.open(method, path, body, AbortSignal.timeout(timeoutMs), {}, nonce);
      const text = await response.text();
      const header = (h: string) => response.headers.get(h) ?? undefined;
      return {
        method,
        path: new URL(this.base + path).pathname + new URL(this.base + path).search,
        nonce,
        status: response.status,
        text,
        signature: {
          timestamp: header(ANSWER_HEADERS.timestamp),
          signature: header(ANSWER_HEADERS.signature),
          keyId: header(ANSWER_HEADERS.keyId),
        },
      };
    } catch (error) {
      const kind = failureKind(error);
      throw this.fail(
        kind,
        name,
        kind === 'timeout' ? `no answer within ${timeoutMs} ms` : describe(error),
      );
    }
  }

  /**
   * Believes an answer only when the pinned gateway key signed it, for this
   * very request, recently. Registration is the one answer checked against
   * the key it announces (there is nothing pinned yet); that key is then
   * pinned. An answer signed by another key makes the client fetch the
   * gateway's rotations and follow them from the pinned key; a key that
   * cannot be reached that way is not believed.
   */
  private async authenticate(name: RelayOperationName, exchange: Exchange, json: unknown): Promise<void> {
    const pinned = this.deps.gatewayKey.current();
    const parts = {
      status: String(exchange.status),
      method: exchange.method,
      pathWithQuery: exchange.path,
      requestId: exchange.nonce,
      body: exchange.text,
    };
    const now = this.deps.clock.now();
    let key = pinned;
    if (!key && name === 'register') key = announcedKey(json);
    // The list of rotations is signed by the key it ends at, reached from the pinned one.
    if (pinned && name === 'gatewayKeys') {
      const rotations = gatewayKeysResponseSchema.safeParse(json);
      try {
        key = followRotations(pinned, rotations.success ? rotations.data.rotations : []);
      } catch (error) {
        throw this.fail('unauthenticated-answer', name, (error as Error).message);
      }
    }
    if (!key)
      throw this.fail(
        'unauthenticated-answer',
        name,
        'no gateway key is pinned: register this terminal first',
      );
    let verdict = verifyAnswer(key, parts, exchange.signature, now);
    if (!verdict.ok && verdict.reason === 'other-key' && pinned && name !== 'gatewayKeys') {
      const rotated = await this.followRotation(pinned);
      if (rotated) {
        key = rotated;
        verdict = verifyAnswer(key, parts, exchange.signature, now);
      }
    }
    if (!verdict.ok) throw this.fail('unauthenticated-answer', name, verdict.message);
    // Only a successful registration pins: a refusal proves nothing about who answered.
    if (!pinned && (json as { result?: { status?: unknown } }).result?.status === 'S')
      this.deps.gatewayKey.pin(key);
  }

  /** Fetches the gateway's rotations and pins the key they lead to from `pinned`; undefined when they lead nowhere new. */
  private async followRotation(pinned: KeyObject): Promise<KeyObject | undefined> {
    try {
      const answer = await this.call('gatewayKeys', {}, 5_000);
      const next = followRotations(pinned, answer.rotations);
      if (gatewayKeyId(next) === gatewayKeyId(pinned)) return undefined;
      this.deps.gatewayKey.pin(next);
      this.deps.logger.warn({ keyId: gatewayKeyId(next) }, 'gateway key rotated by a signed rotation');
      return next;
    } catch (error) {
      this.deps.logger.warn({ error: (error as Error).message }, 'gateway key rotation refused');
      return undefined;
    }
  }

  private fail(
    kind: GatewayFailureKind,
    operation: string,
    detail: string,
  ): GatewayUnreachableError {
    this.deps.monitor.recordFailure();
    this.deps.logger.warn({ operation, kind, detail }, 'relay call failed');
    return new GatewayUnreachableError(kind, `${operation}: ${kind}: ${detail}`, operation);
  }
}

/** AbortSignal.timeout rejects with a TimeoutError; everything else fetch throws is the network. */
function failureKind(error: unknown): GatewayFailureKind {
  return error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'connection';
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause ? `${error.message} (${cause.code ?? cause.message ?? 'no detail'})` : error.message;
}

function summarize(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** The key a registration answer announces, if it is a well-formed one. */
function announcedKey(json: unknown): KeyObject | undefined {
  const text = (json as { gatewayKey?: unknown } | undefined)?.gatewayKey;
  if (typeof text !== 'string') return undefined;
  try {
    return publicKeyFromBase64(text);
  } catch {
    return undefined;
  }
}
