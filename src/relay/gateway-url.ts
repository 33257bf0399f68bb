/**
 * Where a live till may send payments (docs/relay-protocol.md, "Transport"):
 * only over https, because answers and the terminal's requests cross the
 * shop's network; plain http is allowed for a gateway on this machine's
 * loopback only (the sandbox, training). A URL carrying a user name or
 * password is refused: credentials in config.json end up in logs and
 * support tickets, and the relay authenticates by signature anyway.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why `url` cannot be a live gateway's address, or undefined when it can. */
export function gatewayUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `gateway url ${JSON.stringify(url)} is not a URL; a live gateway needs https://`;
  }
  if (parsed.username !== '' || parsed.password !== '')
    return 'gateway url carries a user name or password: remove them (the relay authenticates by signature) and use https://';
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname)) return undefined;
  return `gateway url ${parsed.protocol}//${parsed.host} is not https: a live till sends payments only over https:// (plain http only to a loopback sandbox)`;
}
