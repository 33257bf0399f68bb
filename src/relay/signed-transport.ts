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
import { signRequest } from './signing.js';

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
  ): Promise<Response> {
    const url = new URL(this.base + pathWithQuery);
    const signed = signRequest(
      this.deps.privateKey,
      this.deps.terminalId,
      { method, pathWithQuery: url.pathname + url.search, body },
      this.deps.clock.now(),
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
   * 'connection', 'server-error' (HTTP 5xx) or 'malformed-answer'.
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

    let status: number;
    let text: string;
    try {
      const response = await this.open(
        definition.method,
        path,
        body,
        AbortSignal.timeout(timeoutMs),
      );
      status = response.status;
      text = await response.text();
    } catch (error) {
      const kind = failureKind(error);
      throw this.fail(
        kind,
        name,
        kind === 'timeout' ? `no answer within ${timeoutMs} ms` : describe(error),
      );
    }
    if (status >= 500) throw this.fail('server-error', name, `HTTP ${status}`);

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.fail(
        'malformed-answer',
        name,
        `HTTP ${status}: answer is not JSON (${JSON.stringify(text.slice(0, 80))})`,
      );
    }
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
