import type { Protocol } from 'electron';
import { readStaticFile } from '../static-files.js';
import {
  APP_CONTENT_SECURITY_POLICY,
  APP_HOST,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
} from './security.js';

const baseHeaders = {
  'content-security-policy': APP_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Must run before `app` is ready: Electron reads scheme privileges at start-up. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Answers one app:// request from the renderer build, with the CSP on every response. */
export async function respondFromRenderer(
  request: Request,
  rendererDir: string,
): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST)
    return new Response('not found', { status: 404, headers: baseHeaders });
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: baseHeaders });
  }
  const file = await readStaticFile(rendererDir, url.pathname);
  if (!file) return new Response('not found', { status: 404, headers: baseHeaders });
  return new Response(new Uint8Array(file.body), {
    headers: { ...baseHeaders, 'content-type': file.contentType },
  });
}

/** Serves `app://counter-pos/...` from the renderer build directory. */
export function serveAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => respondFromRenderer(request, rendererDir));
}
