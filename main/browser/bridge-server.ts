import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CallOutcome,
  type ContractEventSource,
  ContractError,
  ContractErrorCode,
  type Dispatcher,
} from '../../src/api/index.js';
import type { Logger } from '../../src/platform/logger.js';
import { contentSecurityPolicy } from '../csp.js';
import { readStaticFile } from '../static-files.js';
import { attachEventSocket } from './bridge-events.js';
import { BridgeTokens, type LaunchToken } from './launch-token.js';
import {
  BRIDGE_HOST,
  allowedOrigins,
  bearerToken,
  isAllowedHost,
  isAllowedOrigin,
} from './request-guards.js';

export class BridgeBindError extends Error {
  override readonly name = 'BridgeBindError';
}

export interface BridgeServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Only 127.0.0.1 is accepted; anything else throws `BridgeBindError`. */
  host?: string;
  dispatcher: Dispatcher;
  events: ContractEventSource;
  /** The renderer build to serve (renderer/dist). */
  rendererDir: string;
  logger: Logger;
  /** A fixed token for tests; by default a fresh random one per launch. */
  token?: LaunchToken;
  /** The customer display's token (display role only); by default a fresh random one per launch. */
  displayToken?: LaunchToken;
  maxBodyBytes?: number;
  /** How long an event socket may stay silent before showing the token. */
  authDeadlineMs?: number;
}

export interface BridgeServer {
  readonly port: number;
  readonly origin: string;
  /** The address to open: origin plus the token in the fragment (never sent to a server). */
  readonly url: string;
  readonly token: string;
  /** The customer display's address: its own display-role token in the fragment. */
  readonly displayUrl: string;
  close(): Promise<void>;
}

const STATUS_BY_CODE: Record<string, number> = {
  [ContractErrorCode.invalidInput]: 400,
  [ContractErrorCode.unauthorized]: 401,
  [ContractErrorCode.forbidden]: 403,
  [ContractErrorCode.unknownMethod]: 404,
  [ContractErrorCode.internal]: 500,
  [ContractErrorCode.invalidResult]: 500,
};

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // Stop keeping the body but let it drain, so the client reads our 413.
      req.off('data', onData);
      req.resume();
      reject(
        new HttpRefusal(413, ContractErrorCode.invalidInput, `request body over ${limit} bytes`),
      );
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Browser mode: the contract over `POST /api/<method>` and WebSocket
 * `/events`, plus the renderer build, on 127.0.0.1 only. Every API call and
 * event socket needs the per-launch token; browsers' Origin must be ours;
 * responses carry a strict CSP and no CORS headers.
 */
export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  if (options.host !== undefined && options.host !== BRIDGE_HOST) {
    throw new BridgeBindError(`the bridge listens on ${BRIDGE_HOST} only, not ${options.host}`);
  }
  const tokens = new BridgeTokens(options.token, options.displayToken);
  const limit = options.maxBodyBytes ?? 1 << 20;
  const { dispatcher, logger, rendererDir } = options;
  let port = 0;
  let headers: Record<string, string> = {};

  const sendJson = (
    res: ServerResponse,
    status: number,
    body: CallOutcome,
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      ...headers,
      ...extra,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, refusal: HttpRefusal, extra: Record<string, string> = {}) =>
    sendJson(
      res,
      refusal.status,
      { ok: false, error: new ContractError(refusal.code, refusal.message).toBody() },
      extra,
    );

  const handleApi = async (
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
  ): Promise<void> => {
    if (req.method !== 'POST') {
      return refuse(res, new HttpRefusal(405, ContractErrorCode.invalidInput, 'use POST'), {
        allow: 'POST',
      });
    }
    const role = tokens.roleOf(bearerToken(req));
    if (!role) {
      return refuse(
        res,
        new HttpRefusal(401, ContractErrorCode.unauthorized, 'launch token required'),
        {
          'www-authenticate': 'Bearer',
        },
      );
    }
    if (!isAllowedOrigin(req, port)) {
      return refuse(res, new HttpRefusal(403, ContractErrorCode.forbidden, 'foreign origin'));
    }
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      return refuse(
        res,
        new HttpRefusal(415, ContractErrorCode.invalidInput, 'send application/json'),
      );
    }
    const text = await readBody(req, limit);
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      return refuse(res, new HttpRefusal(400, ContractErrorCode.invalidInput, 'body is not JSON'));
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return refuse(
        res,
        new HttpRefusal(400, ContractErrorCode.invalidInput, 'body must be {"input": ...}'),
      );
    }
    const outcome = await dispatcher.call(method, (body as { input?: unknown }).input, {
      role,
      transport: 'bridge',
    });
    sendJson(res, outcome.ok ? 200 : (STATUS_BY_CODE[outcome.error.code] ?? 422), outcome);
  };

  const handleStatic = async (
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
  ): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await readStaticFile(rendererDir, pathname);
    if (!file) {
      res
        .writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
        .end('not found');
      return;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': file.contentType,
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bridge');
    const work = !isAllowedHost(req, port)
      ? Promise.resolve(
          refuse(res, new HttpRefusal(403, ContractErrorCode.forbidden, 'unknown Host')),
        )
      : url.pathname.startsWith('/api/')
        ? handleApi(req, res, url.pathname.slice('/api/'.length))
        : handleStatic(req, res, url.pathname);
    work.catch((error: unknown) => {
      if (error instanceof HttpRefusal) return refuse(res, error);
      logger.error({ err: error, path: url.pathname }, 'bridge request failed');
      if (!res.headersSent)
        refuse(res, new HttpRefusal(500, ContractErrorCode.internal, 'bridge request failed'));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, BRIDGE_HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${BRIDGE_HOST}:${port}`;
  headers = {
    'content-security-policy': contentSecurityPolicy({
      connectSrc: allowedOrigins(port).map((o) => o.replace(/^http/, 'ws')),
    }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
  const eventSocket = attachEventSocket(server, {
    port,
    tokens,
    events: options.events,
    authDeadlineMs: options.authDeadlineMs ?? 5000,
  });
  logger.info({ origin }, 'browser bridge listening');

  return {
    port,
    origin,
    url: `${origin}/#token=${tokens.cashier.value}`,
    token: tokens.cashier.value,
    displayUrl: `${origin}/?view=customer-display#token=${tokens.display.value}`,
    close: async () => {
      eventSocket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
