/** A cheap scrypt cost for tests (a login in milliseconds); the real default is OWASP's (server/auth/passwords.ts). */
export const TEST_SCRYPT_COST = { N: 2 ** 10, r: 8, p: 1 };

/** A signed-in dashboard visitor over plain HTTP (Node's fetch), keeping the session cookie as a browser would. */
export interface DashboardVisitor {
  get(path: string): Promise<Response>;
  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
}

/** Opens a visitor of the dashboard at `baseUrl` (no session yet). */
export function dashboardVisitor(baseUrl: string): DashboardVisitor & { signIn(login: string, password: string): Promise<Response> } {
  const jar = new Map<string, string>();
  const origin = new URL(baseUrl).origin;
  const keep = (res: Response) => {
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      const value = pair!.slice(eq + 1);
      if (/Max-Age=0/.test(cookie)) jar.delete(pair!.slice(0, eq));
      else jar.set(pair!.slice(0, eq), value);
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const visitor = {
    get: async (path: string) => keep(await fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: { cookie: cookie() } })),
    post: async (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
      keep(
        await fetch(`${baseUrl}${path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: cookie(), origin, 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: new URLSearchParams(form).toString(),
        }),
      ),
    signIn: (login: string, password: string) => visitor.post('/dashboard/login', { login, password, next: '' }),
  };
  return visitor;
}
