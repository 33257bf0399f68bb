import type { DashboardAccount } from '../auth/accounts.js';
import { type Html, html } from './html.js';
import { LANGS, type Lang, type MessageKey, type Translate } from './i18n/index.js';

/** A store as the dashboard names it. */
export interface StoreSummary {
  storeId: string;
  name: string;
}

/** What the frame around every signed-in page needs. */
export interface LayoutInput {
  lang: Lang;
  t: Translate;
  title: string;
  body: Html;
  /** The current path, to mark its nav entry. */
  path: string;
  /** Links keeping the store and language: `href(path)`. */
  href(path: string, params?: Record<string, string>): string;
  account?: DashboardAccount;
  stores?: StoreSummary[];
  store?: StoreSummary;
  nav?: ReadonlyArray<{ path: string; label: MessageKey }>;
  /** Reload the page this often (a live page; the CSP runs no script to do it). */
  refreshSeconds?: number | undefined;
}

const LANG_NAMES: Record<Lang, string> = { ko: '한국어', en: 'English', zh: '中文' };

/**
 * The page frame: the till's type, a header with the store picker (a plain
 * GET form: the CSP allows no inline script, and a phone needs none), the
 * nav, the language links and sign-out.
 */
export function layout(input: LayoutInput): Html {
  const { t, account, store, stores = [] } = input;
  const header = account
    ? html`<header>
        <span class="brand">${t('app.title')}</span>
        ${stores.length > 1
          ? html`<form method="get" action="${input.path}" class="store-pick">
              <label for="store">${t('store.pick')}</label>
              <select id="store" name="store">${stores.map((s) => html`<option value="${s.storeId}"${s.storeId === store?.storeId ? html` selected` : ''}>${s.name}</option>`)}</select>
              <button type="submit">${t('store.show')}</button>
            </form>`
          : html`<span class="store-name">${store?.name ?? ''}</span>`}
        <span class="account">${account.displayName} · ${t(account.role === 'hq' ? 'role.hq' : 'role.owner')}</span>
        <form method="post" action="/dashboard/logout"><button type="submit">${t('login.logout')}</button></form>
      </header>
      <nav>${(input.nav ?? []).map((n) => html`<a href="${input.href(n.path)}"${n.path === input.path ? html` aria-current="page"` : ''}>${t(n.label)}</a>`)}</nav>`
    : html``;
  const langs = LANGS.map((l) => html`<a href="${input.href(input.path, { lang: l })}" lang="${l}"${l === input.lang ? html` aria-current="true"` : ''}>${LANG_NAMES[l]}</a>`);
  return html`<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${input.refreshSeconds ? html`<meta http-equiv="refresh" content="${input.refreshSeconds}">` : ''}
<title>${input.title} · ${t('app.title')}</title>
<link rel="stylesheet" href="/dashboard/style.css">
</head>
<body>
${header}
<main>
${input.body}
<p class="langs">${langs}</p>
</main>
</body>
</html>`;
}
