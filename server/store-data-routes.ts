import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { STORE_DATA_PATH } from '../src/store/store-data-protocol.js';
import { RequestRefused, result } from './http-json.js';
import type { StoreData } from './store-data.js';
import type { StoreServer } from './store-server.js';
import type { IncomingRequest } from './till-auth.js';

/** The longest a till's ask may wait for a new version (its client waits a little longer). */
export const MAX_WAIT_MS = 25_000;

/** Answers kept ready, by bytes: a 50,000-item catalog is about 7 MB of JSON, 1 MB gzipped. */
const CACHE_BYTES = 64 * 1024 * 1024;

interface ReadyAnswer {
  json: Buffer;
  gzip: Buffer;
}

/**
 * The tills' side of the store data (GET /v1/store-data?since=N&wait=MS):
 * a signed ask from a till at version N, answered with what changed after
 * N, at once or as soon as a new version is published (a long poll, so a
 * price edited on the dashboard reaches the counters within a second). A
 * version's answer is built once and kept, gzipped, by (store, since,
 * version): when the owner publishes a new catalog, a hundred tills asking
 * from the same version cost one read of the database, not a hundred.
 */
export function registerStoreDataRoutes(server: StoreServer, data: StoreData): void {
  // Kept as promises: the tills a publication wakes together ask at once, and the first ask's
  // build serves them all (a hundred builds of a 50,000-item answer took the bench 35 s).
  const ready = new Map<string, Promise<ReadyAnswer>>();
  /** The bytes of each answer built, oldest first: the ones to drop when the cache is full. */
  const built = new Map<string, number>();
  let readyBytes = 0;

  const build = async (storeId: string, since: number): Promise<ReadyAnswer> => {
    const changes = await data.changes(storeId, since);
    const json = Buffer.from(
      JSON.stringify({
        result: result('S', 'OK', `store data v${changes.version} from v${changes.since}`),
        changes,
      }),
    );
    return { json, gzip: gzipSync(json, { level: 6 }) };
  };

  const answerOf = async (storeId: string, since: number): Promise<ReadyAnswer> => {
    const version = await data.head(storeId);
    const key = `${storeId}\u0000${since}\u0000${version}`;
    const kept = ready.get(key);
    if (kept) return kept;
    const building = build(storeId, since);
    ready.set(key, building);
    let answer: ReadyAnswer;
    try {
      answer = await building;
    } catch (error) {
      ready.delete(key); // the next ask tries again
      throw error;
    }
    const bytes = answer.json.length + answer.gzip.length;
    built.set(key, bytes);
    readyBytes += bytes;
    for (const [oldKey, oldBytes] of built) {
      if (readyBytes <= CACHE_BYTES || built.size <= 1) break;
      built.delete(oldKey);
      ready.delete(oldKey);
      readyBytes -= oldBytes;
    }
    return answer;
  };

  server.route(`GET ${STORE_DATA_PATH}`, async (req: IncomingRequest, res: ServerResponse) => {
    const till = await server.till(req);
    const query = new URL(req.pathWithQuery, 'http://store').searchParams;
    const since = wholeNumber(query.get('since') ?? '0', 'since');
    const waitMs = Math.min(MAX_WAIT_MS, wholeNumber(query.get('wait') ?? '0', 'wait'));
    await data.noteAsk(till.tillId, since);
    if (waitMs > 0) await data.waitPast(till.storeId, since, waitMs);
    const answer = await answerOf(till.storeId, since);
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? answer.gzip : answer.json;
    server.signAnswer(res, 200, answer.json); // over the JSON bytes, which the till reads once fetch has unzipped them
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(body);
  });
}

function wholeNumber(text: string, name: string): number {
  if (!/^\d{1,9}$/.test(text))
    throw new RequestRefused(400, 'INVALID_PARAMETER', `${name} must be a whole number`);
  return Number(text);
}
