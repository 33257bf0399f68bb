import { en } from './en.js';
import { type MessageKey, ko } from './ko.js';
import { zh } from './zh.js';

export type { MessageKey };

/** The till's three languages (renderer/src/i18n), in the same order. */
export const LANGS = ['ko', 'en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

const TABLES: Record<Lang, Record<MessageKey, string>> = { ko, en, zh };

/** Translates `key`, filling `{name}` placeholders from `params`. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The words of `lang`. */
export function translator(lang: Lang): Translate {
  const table = TABLES[lang];
  return (key, params = {}) => table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The language to answer in: `?lang=`, else the cookie the last choice left, else the browser's first known language, else Korean. */
export function pickLang(query: string | null, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  const known = (value: string | null | undefined): Lang | undefined => LANGS.find((l) => value?.toLowerCase().startsWith(l));
  const fromHeader = (acceptLanguage ?? '')
    .split(',')
    .map((part) => known(part.trim()))
    .find((l) => l !== undefined);
  return known(query) ?? known(cookie) ?? fromHeader ?? 'ko';
}

/** Won as the till shows it (KRW has no minor unit). */
export function formatWon(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(INTL_LOCALE[lang], { style: 'currency', currency: 'KRW' }).format(amount);
}

/** A time as wall-clock time in Korea (the shops' time zone), in the reader's language. */
export function formatKst(ms: number, lang: Lang): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], { timeZone: 'Asia/Seoul', dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

const INTL_LOCALE: Record<Lang, string> = { ko: 'ko-KR', en: 'en-GB', zh: 'zh-CN' };
