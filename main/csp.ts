/**
 * The Content-Security-Policy of every page the till shows, in Electron
 * (app:// responses) and in browser mode. Nothing inline, nothing remote: the
 * renderer reaches the core only through the contract, and the core alone
 * talks to the gateway. `data:`/`blob:` images are the QR codes we render.
 */
export function contentSecurityPolicy({
  connectSrc = [],
}: { connectSrc?: readonly string[] } = {}): string {
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'media-src': ["'self'"],
    'connect-src': ["'self'", ...connectSrc],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
