import type { KeyObject } from 'node:crypto';
import type { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import { publicKeyToBase64, signRequest } from '../relay/signing.js';
import {
  type ChainHead,
  type JournalResponse,
  type RegisterResponse,
  STORE_PATHS,
  type StoreRecord,
  headResponseSchema,
  journalResponseSchema,
  registerResponseSchema,
} from './protocol.js';
import { STORE_DATA_PATH, type StoreDataResponse, storeDataResponseSchema } from './store-data-protocol.js';

/** The store server gave no usable answer (down, slow, 5xx, not JSON): try again later. */
export class StoreUnreachableError extends Error {}

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
}

/**
 * The till's client of the store server (docs/store-openapi.yaml): each
 * request signed with the till's Ed25519 key exactly as relay requests are
 * (src/relay/signing.ts), answers checked against the shared schemas.
 */
export class StoreLink {
  private readonly base: string;

  constructor(private readonly deps: StoreLinkDeps) {
    this.base = deps.baseUrl.replace(/\/+$/, '');
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
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new StoreUnreachableError(`${method} ${path}: HTTP ${response.status}, answer is not JSON`);
    }
    const answer = schema.safeParse(parsed);
    if (!answer.success) throw new StoreUnreachableError(`${method} ${path}: HTTP ${response.status}, answer does not match the protocol`);
    const { result } = answer.data;
    if (result.status !== 'S') throw new StoreRefusedError(result.code, result.message);
    return answer.data;
  }
}
