import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Why an unsigned `/sandbox/…` request (admin API, customer phone) is
 * refused, or undefined when it may proceed. Listening on loopback is not
 * enough: any web page the trainer opens can POST to 127.0.0.1, and a DNS
 * rebinding page can even read the answers. So the Host must be this
 * loopback server, an Origin (sent by every browser on a POST) must be it
 * too, and a POST must be JSON, which a cross-site form cannot send without
 * a CORS preflight the sandbox never answers.
 */
export function sandboxRouteRefusal(req: IncomingMessage, port: number): { status: number; error: string } | undefined {
  const allowed = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
  if (!allowed.includes(req.headers.host ?? ''))
    return { status: 403, error: `Host ${JSON.stringify(req.headers.host ?? '')} is not this sandbox (127.0.0.1:${port})` };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowed.some((host) => origin === `http://${host}`))
    return { status: 403, error: `Origin ${JSON.stringify(origin)} may not call the sandbox` };
  if (req.method === 'POST' && !/^application\/json\b/.test(req.headers['content-type'] ?? ''))
    return { status: 415, error: 'send application/json' };
  return undefined;
}
