import { type Html, html } from './html.js';
import { type Lang, translator } from './i18n/index.js';
import { layout } from './layout.js';

/** The sign-in form; `next` is where a successful sign-in goes (already checked to be a dashboard path). */
export function loginPage(input: { lang: Lang; error: 'invalid' | 'locked' | undefined; next: string }): Html {
  const t = translator(input.lang);
  const body = html`<div class="login">
  <h1>${t('login.title')}</h1>
  ${input.error ? html`<p class="error" role="alert">${t(input.error === 'locked' ? 'login.locked' : 'login.invalid')}</p>` : ''}
  <form method="post" action="/dashboard/login">
    <input type="hidden" name="next" value="${input.next}">
    <input type="hidden" name="lang" value="${input.lang}">
    <label for="login">${t('login.login')}</label>
    <input id="login" name="login" autocomplete="username" autocapitalize="none" required>
    <label for="password">${t('login.password')}</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit" class="primary">${t('login.submit')}</button>
  </form>
</div>`;
  const href = (path: string, params: Record<string, string> = {}) => `${path}?${new URLSearchParams({ ...(input.next ? { next: input.next } : {}), ...params })}`;
  return layout({ lang: input.lang, t, title: t('login.title'), body, path: '/dashboard/login', href });
}
