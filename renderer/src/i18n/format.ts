import { toDecimalString } from '../../../src/money/index.js';
import type { Language } from './index.js';

const LOCALES: Record<Language, string> = { ko: 'ko-KR', en: 'en-US', zh: 'zh-CN' };
const money = new Map<string, Intl.NumberFormat>();
const times = new Map<string, Intl.DateTimeFormat>();

export function localeOf(language: string): string {
  return LOCALES[language as Language] ?? LOCALES.ko;
}

/**
 * An amount in minor units as the shop's screen shows it (₩9,000). The
 * decimal string goes to Intl as text, so no float ever holds money.
 */
export function formatMoney(minor: number, currencyCode: string, language: string): string {
  const key = `${language}|${currencyCode}`;
  let format = money.get(key);
  if (!format) {
    format = new Intl.NumberFormat(localeOf(language), { style: 'currency', currency: currencyCode, currencyDisplay: 'narrowSymbol' });
    money.set(key, format);
  }
  return format.format(toDecimalString({ currency: currencyCode, minor }) as `${number}`);
}

/** Plain digits with grouping (quantities, the amount being typed). */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language)).format(value);
}

/** A clock time in Korea (the shop's time zone), whatever the machine's setting. */
export function formatTime(ms: number, language: string, withDate = false): string {
  const key = `${language}|${withDate}`;
  let format = times.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(localeOf(language), {
      timeZone: 'Asia/Seoul',
      ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    times.set(key, format);
  }
  return format.format(ms);
}
