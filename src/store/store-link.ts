import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import { ANSWER_HEADERS, verifyAnswer } from '../relay/answer-signing.js';
import { type GatewayKeyPin, memoryPin } from '../relay/gateway-key.js';
import { publicKeyFromBase64, publicKeyToBase64, signRequest } from '../relay/signing.js';
import {
  type ChainHead,
  type JournalResponse,
  type RegisterResponse,
  STORE_PATHS,
  type StoreRecord,
  storeResultSchema,
  headResponseSchema,
  journalResponseSchema,
  registerResponseSchema,
} from './protocol.js';
import { STORE_DATA_PATH, type StoreDataResponse, storeDataResponseSchema } from './store-data-protocol.js';
import { type StoreCloseout, storeCloseoutAnswerSchema } from './store-closeout-schema.js';

/** Any answer's outcome, read before the answer's own schema. */
const refusalSchema = z.object({ result: storeResultSchema });

/** The file, beside the terminal key, that pins the store server's key. */
export const STORE_SERVER_KEY_FILE = 'store-server-key.json';

/** The store server gave no usable answer (down, slow, 5xx, not JSON): try again later. */
export class StoreUnreachableError extends Error {}

/**
 * The till holds no pinned store server key (enrolled before answers were
 * signed, or its pin was lost): nothing the server says can be believed
 * until the till enrolls again, which pins the key.
 */
export class StoreKeyNotPinnedError extends StoreUnreachableError {}

/** The store server answered and refused (bad signature, unknown till, bad code): the message says why. */
export class StoreRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** What a till needs to reach its store server. */
export interface StoreLinkDeps {
  baseUrl: string;
  tillId: string;
  privateKey: KeyObject;
  clock: Clock;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /**
   * Where the store server's key is pinned (a file beside the terminal key,
   * src/relay/gateway-key-file.ts); learnt from the signed answer to
   * enrollment. Memory by default (tests, the fleet's short-lived links).
   */
  serverKey?: GatewayKeyPin;
}

/**
 * The till's client of the store server (docs/store-openapi.yaml): each
 * request signed with the till's Ed25519 key exactly as relay requests are
 * (src/relay/signing.ts); each answer believed only when the server's pinned
 * key signed it for this very request (src/relay/answer-signing.ts, as the
 * gateway's), then checked against the shared schemas.
 */
export class StoreLink {
  private readonly base: string;
  private readonly pin: GatewayKeyPin;

  constructor(private readonly deps: StoreLinkDeps) {
    this.base = deps.baseUrl.replace(/\/+$/, '');
    this.pin = deps.serverKey ?? memoryPin();
  }

  /** Enrolls this till's key in the store whose enrollment code it presents. */
  async register(enrollmentCode: string): Promise<RegisterResponse> {
    const body = { tillId: this.deps.tillId, publicKey: publicKeyToBase64(this.deps.privateKey), enrollmentCode };
    return this.call('POST', STORE_PATHS.register, body, registerResponseSchema);
  }

  /** Uploads records (in journal order); the answer says where the server's copy of the chain ends. */
  upload(records: StoreRecord[]): Promise<JournalResponse> {
    return this.call('POST', STORE_PATHS.journal, { records }, journalResponseSchema);
  }

  /** Where the server's copy of this till's chain ends. */
  async head(): Promise<ChainHead | undefined> {
    return (await this.call('GET', STORE_PATHS.head, undefined, headResponseSchema)).head;
  }

  /** The store's newest kept close-out (마감정산) of a business day, as the server made it. */
  async storeCloseout(businessDate: string): Promise<StoreCloseout> {
    return (await this.call('GET', `${STORE_PATHS.closeout}?date=${encodeURIComponent(businessDate)}`, undefined, storeCloseoutAnswerSchema)).closeout;
  }

  /**
   * What changed in the store's data after version `since`; with `waitMs`
   * the server holds the ask until there is something (a long poll).
   */
  storeData(since: number, waitMs = 0, signal?: AbortSignal): Promise<StoreDataResponse> {
    const path = `${STORE_DATA_PATH}?since=${since}&wait=${waitMs}`;
    return this.call('GET', path, undefined, storeDataResponseSchema, waitMs + (this.deps.timeoutMs ?? 15_000), signal);
  }

  /** One signed call; a refusal throws StoreRefusedError, no usable answer StoreUnreachableError. */
  async call<S extends z.ZodType<{ result: { status: string; code: string; message: string } }>>(
    method: 'GET' | 'POST',
    path: string,
    json: unknown,
    schema: S,
    timeoutMs = this.deps.timeoutMs ?? 15_000,
    /** Ends the call early (the till stopping during a long poll). */
    signal?: AbortSignal,
  ): Promise<z.output<S>> {
    const body = method === 'POST' ? JSON.stringify(json) : '';
    const headers = signRequest(this.deps.privateKey, this.deps.tillId, { method, pathWithQuery: path, body }, this.deps.clock.now());
    let response: Response;
    let text: string;
    try {
      response = await (this.deps.fetch ?? fetch)(this.base + path, {
        method,
        headers: { ...headers, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
        body: method === 'POST' ? body : undefined,
        signal: signal ? AbortSignal.any([AbortSignal.timeout(timeoutMs), signal]) : AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new StoreUnreachableError(`${method} ${path}: ${(error as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`);
    }
    if (response.status >= 500) throw new StoreUnreachableError(`${method} ${path}: HTTP ${response.status}`);
    this.believe(method, path, headers['X-Nonce'], response, text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new StoreUnreachableError(`${method} ${path}: HTTP ${response.status}, answer is not JSON`);
    }
    // A signed refusal is read by its result alone: it carries none of the success answer's fields (a 404 has no close-out).
    const refusal = refusalSchema.safeParse(parsed);
    if (refusal.success && refusal.data.result.status !== 'S') throw new StoreRefusedError(refusal.data.result.code, refusal.data.result.message);
    const answer = schema.safeParse(parsed);
    if (!answer.success) throw new StoreUnreachableError(`${method} ${path}: HTTP ${response.status}, answer does not match the protocol`);
    return answer.data;
  }

  /**
   * Throws unless the pinned server key signed this answer (its status and
   * bytes) for the request whose nonce is `nonce`. With no key pinned yet,
   * only an answer to enrollment can be believed: signed by the key it names,
   * which an accepted enrollment then pins (trust on first enrollment, as
   * the gateway's key).
   */
  private believe(method: string, path: string, nonce: string, response: Response, text: string): void {
    let key = this.pin.current();
    let learnt = false;
    if (!key) {
      const offered = path === STORE_PATHS.register ? registerResponseSchema.safeParse(safeJson(text)) : undefined;
      if (!offered?.success || !offered.data.serverKey) {
        throw new StoreKeyNotPinnedError(`${method} ${path}: no store server key is pinned and the answer names none: enroll this till again`);
      }
      try {
        key = publicKeyFromBase64(offered.data.serverKey);
      } catch {
        throw new StoreUnreachableError(`${method} ${path}: the enrollment answer's serverKey is not an Ed25519 key`);
      }
      learnt = response.ok; // a refused enrollment is read (its code shown) but pins nothing
    }
    const verdict = verifyAnswer(
      key,
      { status: String(response.status), method, pathWithQuery: path, requestId: nonce, body: text },
      {
        timestamp: response.headers.get(ANSWER_HEADERS.timestamp) ?? undefined,
        signature: response.headers.get(ANSWER_HEADERS.signature) ?? undefined,
        keyId: response.headers.get(ANSWER_HEADERS.keyId) ?? undefined,
      },
      this.deps.clock.now(),
    );
    if (!verdict.ok) throw new StoreUnreachableError(`${method} ${path}: answer not believed (${verdict.reason}): ${verdict.message}`);
    if (learnt) this.pin.pin(key);
  }
}

/** `text` as JSON, or undefined. */
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
