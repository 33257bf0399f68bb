import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appStatusSchema, connectionStateSchema, printerStateSchema } from '../../src/api/schemas/app.js';
import { deviceRowSchema } from '../../src/api/schemas/devices.js';
import { refundViewSchema } from '../../src/api/schemas/history.js';
import { tenderMethodSchema, tenderStateSchema } from '../../src/api/schemas/payment.js';
import { staffRoleSchema } from '../../src/api/schemas/staff.js';
import { customerDisplayViewSchema } from '../../src/devices/customer-display.js';
import { PAYMENT_ALERT_CODES } from '../../src/payments/events.js';
import { en } from '../../renderer/src/i18n/en.js';
import { ko } from '../../renderer/src/i18n/ko.js';
import { zh } from '../../renderer/src/i18n/zh.js';

type Tree = { [key: string]: string | Tree };
const LANGUAGES: Record<string, Tree> = { ko, en, zh };
const SOURCE_DIR = join(import.meta.dirname, '../../renderer/src');

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Keys the code names: t('a.b'), t(`a.${x}`) (a prefix), notify({ key: '...' }), translateCode(t, 'prefix', ...). */
function usedKeys(): { exact: Set<string>; prefixes: Set<string> } {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of sourceFiles(SOURCE_DIR)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) exact.add(m[1]!);
    for (const m of text.matchAll(/\bt\(\s*(?:\w+\s*\?\s*)?'([a-zA-Z][\w.-]*)'\s*:\s*'([a-zA-Z][\w.-]*)'/g)) {
      exact.add(m[1]!);
      exact.add(m[2]!);
    }
    for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z][\w.-]*\.)\$\{/g)) prefixes.add(m[1]!);
    // A notice's key always has a dot (`payment.busy`); a shortcut's key ('F2') is a keyboard key.
    for (const m of text.matchAll(/\bkey:\s*'([a-zA-Z][\w-]*\.[\w.-]+)'/g)) exact.add(m[1]!);
    for (const m of text.matchAll(/\bkey:\s*`([a-zA-Z][\w.-]*\.)\$\{/g)) prefixes.add(m[1]!);
    for (const m of text.matchAll(/translateCode\(\s*t,\s*'([\w-]+)',[^,]+,\s*'([\w.-]+)'/g)) {
      prefixes.add(`${m[1]}.`);
      exact.add(m[2]!);
    }
  }
  return { exact, prefixes };
}

const keysOf = (lang: string) => flatten(LANGUAGES[lang]!);
const children = (keys: Map<string, string>, prefix: string) =>
  [...keys.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));

describe('translations', () => {
  it('have the same keys in Korean, English and Chinese, none empty', () => {
    const reference = [...keysOf('ko').keys()].sort();
    expect(reference.length).toBeGreaterThan(200);
    for (const lang of Object.keys(LANGUAGES)) {
      const keys = keysOf(lang);
      expect([...keys.keys()].sort(), lang).toEqual(reference);
      for (const [key, value] of keys) expect(value.trim(), `${lang}: ${key}`).not.toBe('');
    }
  });

  it('use the same {{placeholders}} in every language', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of keysOf('en')) {
      for (const lang of ['ko', 'zh']) expect(placeholders(keysOf(lang).get(key)!), `${lang}: ${key}`).toEqual(placeholders(text));
    }
  });

  it('have every key the screens name, in every language', () => {
    const { exact, prefixes } = usedKeys();
    expect(exact.size).toBeGreaterThan(150);
    for (const lang of Object.keys(LANGUAGES)) {
      const keys = keysOf(lang);
      for (const key of exact) expect(keys.has(key), `${lang} lacks "${key}"`).toBe(true);
      for (const prefix of prefixes) expect(children(keys, prefix).length, `${lang} has nothing under "${prefix}"`).toBeGreaterThan(0);
    }
  });

  it('name every state and kind the contract can send (keys built from values)', () => {
    const families: Array<[string, readonly string[]]> = [
      ['status.gateway.', appStatusSchema.shape.gateway.options],
      ['status.printer.', printerStateSchema.options],
      ['device.state.', connectionStateSchema.options],
      ['device.kind.', deviceRowSchema.shape.kind.options],
      ['tenderState.', tenderStateSchema.options],
      ['method.', tenderMethodSchema.options],
      ['refundKind.', refundViewSchema.shape.kind.options],
      ['refundState.', refundViewSchema.shape.state.options],
      ['refundResult.', refundViewSchema.shape.state.options],
      ['role.', staffRoleSchema.options],
      ['display.result.', customerDisplayViewSchema.options[3].shape.outcome.options],
      ['alerts.', PAYMENT_ALERT_CODES],
      ['language.', ['ko', 'en', 'zh']],
      ['print.', ['printed', 'queued', 'not-configured']],
    ];
    for (const lang of Object.keys(LANGUAGES)) {
      const keys = keysOf(lang);
      for (const [prefix, values] of families) {
        for (const value of values) expect(keys.has(`${prefix}${value}`), `${lang} lacks ${prefix}${value}`).toBe(true);
      }
    }
  });
});
