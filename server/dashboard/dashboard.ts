import type { ServerResponse } from 'node:http';
import type { Clock } from '../../src/platform/clock.js';
import { type DashboardAccount, DashboardAccounts } from '../auth/accounts.js';
import type { ScryptCost } from '../auth/passwords.js';
import { DashboardSessions, SESSION_TTL_MS } from '../auth/sessions.js';
import type { StoreDatabase } from '../db/database.js';
import type { StoreServer } from '../store-server.js';
import type { IncomingRequest } from '../till-auth.js';
import { dashboardCookie, readCookies } from './cookies.js';
import { DASHBOARD_CSS } from './dashboard-css.js';
import { fontFiles } from './fonts.js';
import { type Html, html } from './html.js';
import { type Lang, type MessageKey, type Translate, pickLang, translator } from './i18n/index.js';
import { type StoreSummary, layout } from './layout.js';
import { loginPage } from './login-page.js';

/** What a dashboard handler knows about the request: who, which store, which language. */
export interface DashboardContext {
  account: DashboardAccount;
  /** The stores this login may see (every store for HQ). */
  stores: StoreSummary[];
  /** The store the page is about (`?store=`, else the first the login sees). A login that sees none gets no handler run. */
  store: StoreSummary;
  /** The request's time, from the server's clock. */
  now: number;
  lang: Lang;
  t: Translate;
  query: URLSearchParams;
  path: string;
  /** A dashboard link that keeps the store and the language. */
  href(path: string, params?: Record<string, string>): string;
}

/** What a handler answers: a page in the frame, a CSV download, JSON (the dashboard API) or a redirect. */
export type DashboardReply =
  | { kind: 'page'; title: string; body: Html; status?: number; refreshSeconds?: number }
  | { kind: 'csv'; filename: string; text: string }
  | { kind: 'json'; body: unknown }
  | { kind: 'redirect'; to: string };

/** How the dashboard is set up beyond its parts. */
export interface DashboardOptions {
  /** The scrypt cost of new passwords (server/auth/passwords.ts; tests lower it to stay fast). */
  passwordCost?: ScryptCost;
}

type GetHandler = (ctx: DashboardContext) => Promise<DashboardReply>;
type PostHandler = (ctx: DashboardContext, form: URLSearchParams) => Promise<DashboardReply>;

const SESSION_COOKIE = 'pos_session';
const LANG_COOKIE = 'pos_lang';

/**
 * Pages must not be framed, sniffed or cached, and may load only the
 * dashboard's own stylesheet and fonts: no script runs on these pages at all.
 */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** Where a login may be sent back to: a dashboard path, never another site (`//evil`, `/\\evil`). */
const SAFE_NEXT = /^\/dashboard(\/[\w./-]*)?(\?[\w=&%.-]*)?$/;

/**
 * The owner's dashboard (issue 18 point 5): web pages served by the store
 * server behind an owner or HQ login. Pages register themselves with
 * `page()`, `get()` and `post()` (each page in a file of its own); this
 * class signs people in and out, picks the language, and checks that the
 * store a request names is one the login may see (an owner only theirs,
 * HQ every store) before any handler runs.
 */
export class Dashboard {
  readonly accounts: DashboardAccounts;
  readonly sessions: DashboardSessions;
  private readonly nav: Array<{ path: string; label: MessageKey }> = [];

  constructor(
    private readonly server: StoreServer,
    private readonly db: StoreDatabase,
    private readonly clock: Clock,
    options: DashboardOptions = {},
  ) {
    this.accounts = new DashboardAccounts(db, this.clock, options.passwordCost);
    this.sessions = new DashboardSessions(db, this.clock, this.accounts);
    server.route('GET /dashboard/style.css', async (_req, res) => send(res, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' }, DASHBOARD_CSS));
    for (const font of fontFiles()) {
      server.route(`GET ${font.path}`, async (_req, res) => send(res, 200, { 'content-type': 'font/woff2', 'cache-control': 'max-age=604800' }, font.bytes()));
    }
    server.route('GET /dashboard/login', async (req, res) => this.showLogin(req, res, 200, undefined));
    server.route('POST /dashboard/login', (req, res) => this.login(req, res));
    server.route('POST /dashboard/logout', (req, res) => this.logout(req, res));
    server.route('GET /dashboard', (req, res) => this.serve(req, res, async (ctx) => ({ kind: 'redirect', to: ctx.href(this.nav[0]?.path ?? '/dashboard/login') })));
  }

  /** A page listed in the nav under `label`. */
  page(path: string, label: MessageKey, handler: GetHandler): void {
    this.nav.push({ path, label });
    this.get(path, handler);
  }

  /** A GET answer behind the login (a page not in the nav, a CSV, a JSON API route). */
  get(path: string, handler: GetHandler): void {
    this.server.route(`GET ${path}`, (req, res) => this.serve(req, res, handler));
  }

  /** A form's POST behind the login; refused when sent from another origin. */
  post(path: string, handler: PostHandler): void {
    this.server.route(`POST ${path}`, (req, res) => this.serve(req, res, (ctx) => handler(ctx, new URLSearchParams(Buffer.from(req.body).toString('utf8')))));
  }

  private async serve(req: IncomingRequest, res: ServerResponse, handler: GetHandler): Promise<void> {
    const url = new URL(req.pathWithQuery, 'http://store');
    const cookies = readCookies(req.headers.cookie);
    const langQuery = url.searchParams.get('lang');
    const lang = pickLang(langQuery, cookies.get(LANG_COOKIE), header(req, 'accept-language'));
    const extra: Record<string, string | string[]> = langQuery ? { 'set-cookie': dashboardCookie(LANG_COOKIE, lang, 365 * 86_400) } : {};
    const t = translator(lang);
    const api = url.pathname.startsWith('/dashboard/api/');
    const account = await this.sessions.account(cookies.get(SESSION_COOKIE));
    if (!account) {
      if (api) return send(res, 401, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify({ error: 'SIGNED_OUT' }));
      return send(res, 303, { ...extra, location: `/dashboard/login?next=${encodeURIComponent(url.pathname + url.search)}` }, '');
    }
    if (req.method === 'POST' && !sameOrigin(req)) return send(res, 403, { 'content-type': 'text/plain; charset=utf-8' }, 'cross-origin form refused');
    const stores = await this.storeSummaries(account.storeIds);
    const asked = url.searchParams.get('store');
    const store = asked === null ? stores[0] : stores.find((s) => s.storeId === asked);
    const href = (path: string, params: Record<string, string> = {}) => {
      const q = new URLSearchParams({ ...(store ? { store: store.storeId } : {}), ...params });
      return `${path}?${q}`;
    };
    const frame = (title: string, body: Html, status: number, refreshSeconds?: number) =>
      send(res, status, { ...extra, 'content-type': 'text/html; charset=utf-8' }, layout({ lang, t, title, body, path: url.pathname, href, account, stores, store, nav: this.nav, refreshSeconds }).text);
    // The store a request names must be one this login sees: an owner asking for another owner's store gets nothing of it.
    if (asked !== null && !store) return frame(t('error.forbidden'), html`<p class="error">${t('error.forbidden')}</p>`, 403);
    if (!store) return frame(t('app.title'), html`<p class="notice">${t('store.none')}</p>`, 200);
    const reply = await handler({ account, stores, store, now: this.clock.now(), lang, t, query: url.searchParams, path: url.pathname, href });
    switch (reply.kind) {
      case 'page':
        return frame(reply.title, reply.body, reply.status ?? 200, reply.refreshSeconds);
      case 'csv':
        return send(res, 200, { ...extra, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${reply.filename}"` }, reply.text);
      case 'json':
        return send(res, 200, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(reply.body));
      case 'redirect':
        return send(res, 303, { ...extra, location: reply.to }, '');
    }
  }

  private async storeSummaries(storeIds: string[]): Promise<StoreSummary[]> {
    if (storeIds.length === 0) return [];
    const rows = await this.db.query<{ store_id: string; name: string }>('SELECT store_id, name FROM stores WHERE store_id = ANY($1) ORDER BY store_id', [storeIds]);
    return rows.rows.map((r) => ({ storeId: r.store_id, name: r.name }));
  }

  private showLogin(req: IncomingRequest, res: ServerResponse, status: number, error: 'invalid' | 'locked' | undefined): void {
    const url = new URL(req.pathWithQuery, 'http://store');
    const lang = pickLang(url.searchParams.get('lang'), readCookies(req.headers.cookie).get(LANG_COOKIE), header(req, 'accept-language'));
    const next = url.searchParams.get('next') ?? '';
    send(res, status, { 'content-type': 'text/html; charset=utf-8' }, loginPage({ lang, error, next: SAFE_NEXT.test(next) ? next : '' }).text);
  }

  private async login(req: IncomingRequest, res: ServerResponse): Promise<void> {
    if (!sameOrigin(req)) return send(res, 403, { 'content-type': 'text/plain; charset=utf-8' }, 'cross-origin form refused');
    const form = new URLSearchParams(Buffer.from(req.body).toString('utf8'));
    const outcome = await this.accounts.login(form.get('login') ?? '', form.get('password') ?? '');
    const next = form.get('next') ?? '';
    if (!outcome.ok) {
      const retry = { ...req, pathWithQuery: `/dashboard/login?${new URLSearchParams({ next, ...(form.get('lang') ? { lang: form.get('lang')! } : {}) })}` };
      return this.showLogin(retry, res, outcome.reason === 'locked' ? 429 : 401, outcome.reason);
    }
    const token = await this.sessions.open(outcome.account.login);
    send(res, 303, { 'set-cookie': dashboardCookie(SESSION_COOKIE, token, SESSION_TTL_MS / 1000), location: SAFE_NEXT.test(next) ? next : '/dashboard' }, '');
  }

  private async logout(req: IncomingRequest, res: ServerResponse): Promise<void> {
    if (!sameOrigin(req)) return send(res, 403, { 'content-type': 'text/plain; charset=utf-8' }, 'cross-origin form refused');
    const token = readCookies(req.headers.cookie).get(SESSION_COOKIE);
    if (token) await this.sessions.close(token);
    send(res, 303, { 'set-cookie': dashboardCookie(SESSION_COOKIE, '', 0), location: '/dashboard/login' }, '');
  }
}

function header(req: IncomingRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A form POST must come from the dashboard's own pages: browsers send Origin on every POST, and a missing one is refused too. */
function sameOrigin(req: IncomingRequest): boolean {
  const origin = header(req, 'origin');
  if (!origin) return false;
  try {
    return new URL(origin).host === header(req, 'host');
  } catch {
    return false;
  }
}

function send(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
