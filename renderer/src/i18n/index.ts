import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { ko } from './ko.js';
import { zh } from './zh.js';

export type Language = 'ko' | 'en' | 'zh';
export const LANGUAGES: readonly Language[] = ['ko', 'en', 'zh'];

/** Every user-visible string, per language (test/renderer/i18n.test.ts checks they have the same keys). */
export const resources = { ko: { translation: ko }, en: { translation: en }, zh: { translation: zh } } as const;

/** The app's i18next instance: Korean unless the settings say otherwise. */
export const i18n: I18n = i18next.createInstance();

export async function initI18n(language: Language): Promise<I18n> {
  await i18n.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'ko',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return i18n;
}

/**
 * The translation of `prefix.code` when the code is known, else of `fallback`
 * (gateway result codes and the core's refusal codes are open-ended).
 */
export function translateCode(t: (key: string, options?: Record<string, unknown>) => string, prefix: string, code: string | null | undefined, fallback: string): string {
  const key = `${prefix}.${code ?? ''}`;
  return code && i18n.exists(key) ? t(key) : t(fallback);
}
