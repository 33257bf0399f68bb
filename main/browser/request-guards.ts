import type { IncomingMessage } from 'node:http';

/** The bridge binds here and nowhere else. */
export const BRIDGE_HOST = '127.0.0.1';

/** Origins the served page can have: the address we print, or `localhost` typed by hand. */
export function allowedOrigins(port: number): string[] {
  return [`http://${BRIDGE_HOST}:${port}`, `http://localhost:${port}`];
}

/**
 * The Host header must name us: a page on another name that resolves to
 * 127.0.0.1 (DNS rebinding) is refused even for the static files.
 */
export function isAllowedHost(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `${BRIDGE_HOST}:${port}` || host === `localhost:${port}`;
}

/**
 * Browsers send Origin on every POST and WebSocket: it must be ours. Tools
 * without an Origin (curl, tests) still need the token.
 */
export function isAllowedOrigin(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === undefined || allowedOrigins(port).includes(origin);
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(req.headers.authorization ?? '');
  return match?.[1];
}
