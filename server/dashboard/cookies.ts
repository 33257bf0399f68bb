/** The cookies of a request's `Cookie` header, by name (the first of a repeated name wins, as browsers send the most specific first). */
export function readCookies(header: string | string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A malformed value is no cookie of ours.
    }
  }
  return cookies;
}

/**
 * A `Set-Cookie` value scoped to the dashboard. HttpOnly (no script reads a
 * session), SameSite=Strict (no other site's page can send a form with it:
 * the CSRF defence beside the Origin check). `maxAgeS` 0 deletes.
 */
export function dashboardCookie(name: string, value: string, maxAgeS: number): string {
  return `${name}=${encodeURIComponent(value)}; Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}`;
}
