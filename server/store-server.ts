import type { KeyObject } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import type { Clock } from '../src/platform/clock.js';
import { type Logger, silentLogger } from '../src/platform/logger.js';
import { type AnswerSigner, answerSigner, signAnswersOn } from '../src/relay/http-answer.js';
import { publicKeyFromBase64, publicKeyToBase64 } from '../src/relay/signing.js';
import { STORE_PATHS, closeoutRequestSchema, journalRequestSchema, registerRequestSchema } from '../src/store/protocol.js';
import type { StoreDatabase } from './db/database.js';
import { BodyTooLargeError, RequestRefused, readBody, result, sendJson, sendText } from './http-json.js';
import { JournalIngest, NonceReplayedError } from './journal-ingest.js';
import { loadServerKey } from './server-key.js';
import { StoreCloseouts } from './store-closeout.js';
import type { MerchantStatementSource } from './merchant-reconciliation.js';
import { StoreData } from './store-data.js';
import { registerStoreDataRoutes } from './store-data-routes.js';
import { storeCloseoutCsv } from './store-closeout-csv.js';
import { type IncomingRequest, type TillIdentity, TillAuthenticator } from './till-auth.js';

/** What the server is built from. */
export interface StoreServerDeps {
  db: StoreDatabase;
  clock: Clock;
  logger?: Logger;
  /** The key answers are signed with; by default the database's (server-key.ts), loaded by listen(). */
  key?: KeyObject;
  /** Each store's back office at the relay gateway, for the close-out's merchant statement (none: unavailable). */
  merchantStatements?: (storeId: string) => MerchantStatementSource | undefined;
}

/** A running store server. */
export interface RunningStoreServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

type Handler = (req: IncomingRequest, res: ServerResponse) => Promise<void>;

/**
 * The store server's HTTP service (docs/store-openapi.yaml): tills enroll
 * and upload their journals; every till request is signed like a relay
 * request. It holds no state of its own beyond caches: every decision is
 * the database's, so several processes can serve one PostgreSQL.
 */
export class StoreServer {
  readonly auth: TillAuthenticator;
  readonly ingest: JournalIngest;
  readonly closeouts: StoreCloseouts;
  /** The catalog, staff, store details and device settings the tills follow. */
  readonly data: StoreData;
  private readonly logger: Logger;
  private readonly routes: Record<string, Handler>;
  private key: KeyObject | undefined;
  private readonly signer: AnswerSigner;

  constructor(private readonly deps: StoreServerDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.key = deps.key;
    this.signer = answerSigner(
      () => {
        if (!this.key) throw new Error('the store server answers only once listen() loaded its key');
        return this.key;
      },
      () => deps.clock.now(),
    );
    this.auth = new TillAuthenticator(deps.db, deps.clock);
    this.ingest = new JournalIngest(deps.db, deps.clock);
    this.closeouts = new StoreCloseouts(deps.db, deps.clock, deps.merchantStatements);
    this.routes = {
      'GET /healthz': async (_req, res) => sendJson(res, 200, { result: result('S', 'OK', `store server on ${deps.db.kind}`) }),
      [`POST ${STORE_PATHS.register}`]: (req, res) => this.register(req, res),
      [`POST ${STORE_PATHS.journal}`]: (req, res) => this.journal(req, res),
      [`GET ${STORE_PATHS.head}`]: (req, res) => this.head(req, res),
      [`POST ${STORE_PATHS.closeout}`]: (req, res) => this.closeStoreDay(req, res),
      [`GET ${STORE_PATHS.closeout}`]: (req, res) => this.keptCloseout(req, res),
    };
    this.data = new StoreData(deps.db, deps.clock);
    registerStoreDataRoutes(this, this.data);
  }

  /** Every route as `METHOD /path` (docs/store-openapi.yaml lists each). */
  routeKeys(): string[] {
    return Object.keys(this.routes);
  }

  /** Adds a route (the close-out and the dashboard register theirs). */
  route(methodAndPath: string, handler: Handler): void {
    this.routes[methodAndPath] = handler;
  }

  /**
   * Signs an answer a route writes itself (not through sendJson, e.g. one
   * kept ready and gzipped): `body` is the JSON bytes the till will read.
   */
  signAnswer(res: ServerResponse, status: number, body: string | Uint8Array): void {
    this.signer.signInto(res, res.req, status, body);
  }

  /** Checks a till request's signature and returns who sent it; refuses with 401 otherwise. */
  async till(req: IncomingRequest): Promise<TillIdentity> {
    const outcome = await this.auth.authenticate(req);
    if (!outcome.ok) throw new RequestRefused(401, outcome.code, outcome.message);
    const identity = await this.auth.identity(outcome.tillId);
    if (!identity) throw new RequestRefused(401, 'SIGNATURE_INVALID', 'till not enrolled');
    return identity;
  }

  /** Starts listening on `host:port` (0: any free port), once the signing key is loaded. */
  async listen(port: number, host = '127.0.0.1'): Promise<RunningStoreServer> {
    this.key ??= await loadServerKey(this.deps.db);
    const server: Server = createServer((req, res) => void this.handle(req, res));
    // Tills keep connections open between batches; a server that closes an idle one first races
    // the client's next request on it ("other side closed"). Clients time out sooner than this.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 70_000;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        const address = server.address() as AddressInfo;
        resolve({
          url: `http://${host}:${address.port}`,
          port: address.port,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              server.closeAllConnections();
            }),
        });
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Every JSON answer, a refusal too, is signed for the request it answers (the till believes no other).
    signAnswersOn(res, this.signer);
    try {
      const url = new URL(req.url ?? '/', 'http://store');
      const handler = this.routes[`${req.method} ${url.pathname}`];
      if (!handler) {
        sendJson(res, 404, { result: result('F', 'NOT_FOUND', `no route ${req.method} ${url.pathname}`) });
        return;
      }
      const body = await readBody(req);
      await handler({ method: req.method ?? 'GET', pathWithQuery: url.pathname + url.search, headers: req.headers, body }, res);
    } catch (error) {
      if (error instanceof RequestRefused) {
        // A till enrolling has no key pinned yet: the refusal names the key that signed it, as the acceptance does.
        const key = req.url?.startsWith(STORE_PATHS.register) && this.key ? { serverKey: publicKeyToBase64(this.key) } : {};
        sendJson(res, error.status, { result: result('F', error.code, error.message), ...key });
        return;
      }
      if (error instanceof BodyTooLargeError) {
        sendJson(res, 413, { result: result('F', 'BODY_TOO_LARGE', error.message) });
        return;
      }
      this.logger.error({ err: error, url: req.url }, 'store request failed');
      if (!res.headersSent) sendJson(res, 500, { result: result('F', 'INTERNAL', 'the store server failed; try again') });
    }
  }

  private async register(req: IncomingRequest, res: ServerResponse): Promise<void> {
    const request = parse(registerRequestSchema, req.body);
    let key;
    try {
      key = publicKeyFromBase64(request.publicKey);
    } catch (error) {
      throw new RequestRefused(400, 'INVALID_PARAMETER', `publicKey: ${(error as Error).message}`);
    }
    const outcome = await this.auth.authenticate(req, key);
    if (!outcome.ok) throw new RequestRefused(401, outcome.code, outcome.message);
    if (outcome.tillId !== request.tillId) throw new RequestRefused(400, 'INVALID_PARAMETER', 'tillId differs from X-Terminal-Id');
    const enrolled = await this.auth.enroll(request.tillId, request.publicKey, request.enrollmentCode);
    if (!enrolled.ok) throw new RequestRefused(403, enrolled.code, enrolled.message);
    this.logger.info({ tillId: request.tillId, storeId: enrolled.storeId }, 'till enrolled');
    sendJson(res, 200, {
      result: result('S', 'ENROLLED', `till ${request.tillId} enrolled in store ${enrolled.storeId}`),
      storeId: enrolled.storeId,
      head: await this.ingest.head(request.tillId),
      serverKey: publicKeyToBase64(this.key!),
    });
  }

  private async journal(req: IncomingRequest, res: ServerResponse): Promise<void> {
    // The nonce is consumed by the upload's own statement: one commit per batch (docs/scaling.md).
    const verified = await this.auth.verify(req);
    if (!verified.ok) throw new RequestRefused(401, verified.code, verified.message);
    const till = await this.auth.identity(verified.tillId);
    if (!till) throw new RequestRefused(401, 'SIGNATURE_INVALID', 'till not enrolled');
    const request = parse(journalRequestSchema, req.body);
    let outcome;
    try {
      outcome = await this.ingest.upload(till, request.records, { nonce: verified.nonce, consumed: () => this.auth.nonceUsed() });
    } catch (error) {
      if (error instanceof NonceReplayedError) throw new RequestRefused(401, 'NONCE_REPLAYED', error.message);
      throw error;
    }
    const stored = outcome.acks.filter((a) => a.status === 'ACCEPTED').length;
    sendJson(res, 200, { result: result('S', 'RECEIVED', `${stored} stored, head ${outcome.head.seq}`), ...outcome });
  }

  /** Any till of the store makes the store's close-out of a day (and prints it). */
  private async closeStoreDay(req: IncomingRequest, res: ServerResponse): Promise<void> {
    const till = await this.till(req);
    const request = parse(closeoutRequestSchema, req.body);
    const closeout = await this.closeouts.close(till.storeId, request.businessDate);
    sendJson(res, 200, { result: result('S', 'CLOSED', `store close-out v${closeout.version}, ${closeout.notClosed.length} till(s) not closed`), closeout });
  }

  /** The newest kept close-out of `?date=`, as JSON or `&format=csv`. */
  private async keptCloseout(req: IncomingRequest, res: ServerResponse): Promise<void> {
    const till = await this.till(req);
    const query = new URL(req.pathWithQuery, 'http://store').searchParams;
    const date = query.get('date') ?? '';
    if (!DATE.test(date)) throw new RequestRefused(400, 'INVALID_PARAMETER', 'date must be YYYY-MM-DD');
    const closeout = await this.closeouts.latest(till.storeId, date);
    if (!closeout) throw new RequestRefused(404, 'CLOSEOUT_NOT_FOUND', `no store close-out of ${date} yet`);
    if (query.get('format') === 'csv') sendText(res, 200, 'text/csv; charset=utf-8', storeCloseoutCsv(closeout));
    else sendJson(res, 200, { result: result('S', 'OK', `store close-out v${closeout.version}`), closeout });
  }

  private async head(req: IncomingRequest, res: ServerResponse): Promise<void> {
    const till = await this.till(req);
    sendJson(res, 200, { result: result('S', 'OK', 'head'), head: await this.ingest.head(till.tillId) });
  }
}

/** The business date a close-out request names: YYYY-MM-DD. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a JSON body with `schema`; a 400 naming the fields otherwise. */
export function parse<S extends z.ZodType>(schema: S, body: Uint8Array): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new RequestRefused(400, 'INVALID_PARAMETER', 'the body is not JSON');
  }
  const checked = schema.safeParse(json);
  if (!checked.success) {
    const issues = checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new RequestRefused(400, 'INVALID_PARAMETER', issues.join('; '));
  }
  return checked.data;
}
