// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  KeyboardWedgeDetector,
  charForCode,
  restoreField,
} from '../../renderer/scan/keyboard-wedge.js';
import type {
  FieldSnapshot,
  TextFieldLike,
  WedgeDecision,
  WedgeKeyEvent,
} from '../../renderer/scan/keyboard-wedge.js';

// Every character a US-layout key types, and the key + Shift that types it.
const CODES = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((c) => `Key${c}`),
  ...'0123456789'.split('').map((d) => `Digit${d}`),
  ...[
    'Minus',
    'Equal',
    'BracketLeft',
    'BracketRight',
    'Backslash',
    'Semicolon',
    'Quote',
    'Comma',
    'Period',
    'Slash',
    'Backquote',
  ],
];
const KEY_FOR = new Map<string, { code: string; shift: boolean }>();
for (const code of CODES) {
  for (const shift of [false, true]) {
    const ch = charForCode(code, shift)!;
    if (!KEY_FOR.has(ch)) KEY_FOR.set(ch, { code, shift });
  }
}

interface Typing {
  start: number;
  /** ms between keys: a number, or one per gap. */
  gaps: number | number[];
  /**
   * The Korean IME in 한글 mode, as Chromium delivers it (see the recorded traces): Shift's
   * keydown comes, a letter's keydown does not, its keyup does (Shift already released).
   */
  ime?: boolean;
  field?: FieldSnapshot | null;
  suffix?: string | null;
}

type TypedKey = WedgeKeyEvent & { type?: 'keyup' };

/** The key events of typing `text` (plus the suffix key), with Shift presses like a scanner sends. */
function keystrokes(text: string, t: Typing): TypedKey[] {
  const events: TypedKey[] = [];
  let at = t.start;
  const editable = t.field !== undefined && t.field !== null;
  const gapAt = (i: number): number =>
    typeof t.gaps === 'number' ? t.gaps : t.gaps[i % t.gaps.length]!;
  [...text].forEach((ch, i) => {
    const k = KEY_FOR.get(ch);
    if (!k) throw new Error(`no US key for ${ch}`);
    if (k.shift)
      events.push({ code: 'ShiftLeft', key: 'Shift', timeStamp: at, shiftKey: true, editable });
    // Digits and punctuation keep their keydown under the IME; letters do not.
    const swallowed = t.ime === true && /^Key/.test(k.code);
    events.push({
      ...(swallowed ? { type: 'keyup' as const } : {}),
      code: k.code,
      key: swallowed ? ch.toLowerCase() : ch,
      timeStamp: at,
      shiftKey: swallowed ? false : k.shift,
      editable,
      field: i === 0 ? (t.field ?? null) : null,
    });
    at += gapAt(i);
  });
  if (t.suffix !== null)
    events.push({
      code: t.suffix ?? 'Enter',
      key: 'Enter',
      timeStamp: at,
      editable,
    });
  return events;
}

function feed(detector: KeyboardWedgeDetector, events: TypedKey[]): WedgeDecision[] {
  return events.map(({ type, ...e }) => (type === 'keyup' ? detector.keyup(e) : detector.keydown(e)));
}

const scans = (decisions: WedgeDecision[]) =>
  decisions.flatMap((d) => (d.action === 'scan' ? [d.scan] : []));

const WECHAT_CODE = '134728953980228598';

describe('KeyboardWedgeDetector', () => {
  it('recognises a scanner burst ending in Enter, and only the Enter is swallowed', () => {
    const decisions = feed(
      new KeyboardWedgeDetector(),
      keystrokes(WECHAT_CODE, { start: 1000, gaps: 8 }),
    );
    expect(decisions.slice(0, -1).every((d) => d.action === 'pass')).toBe(true);
    expect(decisions.at(-1)).toEqual({
      action: 'scan',
      scan: {
        code: WECHAT_CODE,
        startedAt: 1000,
        endedAt: 1000 + 18 * 8,
        restoreField: null,
        viaIme: false,
      },
    });
  });

  it('leaves a slow human typing the same digits alone', () => {
    const decisions = feed(
      new KeyboardWedgeDetector(),
      keystrokes(WECHAT_CODE, { start: 0, gaps: 120 }),
    );
    expect(decisions.every((d) => d.action === 'pass')).toBe(true);
  });

  it('leaves a fast typist alone too (bursts of 35-70 ms)', () => {
    const decisions = feed(
      new KeyboardWedgeDetector(),
      keystrokes(WECHAT_CODE, { start: 0, gaps: [35, 50, 70, 40] }),
    );
    expect(scans(decisions)).toEqual([]);
  });

  /** Key events Chromium delivered under IBus + ibus-hangul, recorded (fixtures/ibus-hangul-*.json). */
  function recorded(mode: 'hangul' | 'latin', kind: 'digits' | 'alnum') {
    // happy-dom gives import.meta.url an http: address; the fixture is read from the repository.
    const path = resolve('test/renderer/fixtures', `ibus-hangul-${mode}-mode-keys.json`);
    const trace = JSON.parse(readFileSync(path, 'utf8')) as Record<
      string,
      { code: string; events: (WedgeKeyEvent & { type: 'keydown' | 'keyup' })[] }
    >;
    return trace[kind]!;
  }

  it.each([
    ['hangul', 'digits'],
    ['hangul', 'alnum'],
    ['latin', 'digits'],
    ['latin', 'alnum'],
  ] as const)(
    'reads the code from what Chromium delivers under ibus-hangul in %s mode (%s code)',
    (mode, kind) => {
      const { code, events } = recorded(mode, kind);
      const detector = new KeyboardWedgeDetector();
      const decisions = events.map((e) =>
        e.type === 'keydown'
          ? detector.keydown({ ...e, editable: true })
          : detector.keyup({ ...e, editable: true }),
      );
      expect(scans(decisions).map((s) => s.code)).toEqual([code]);
    },
  );

  it('keeps the digit the cashier typed just before an IME scan out of it', () => {
    const detector = new KeyboardWedgeDetector();
    feed(detector, keystrokes('5000', { start: 0, gaps: 120, suffix: null }));
    // The IME's first keyup lands 90 ms after the cashier's last 0: too late for a plain burst.
    const decisions = feed(detector, keystrokes('hQVDUFYwMWE', { start: 450, gaps: 20, ime: true }));
    expect(scans(decisions).map((s) => s.code)).toEqual(['hQVDUFYwMWE']);
  });

  it('swallows the second Enter the IME sends after a scan (229, then 13, one timestamp)', () => {
    const detector = new KeyboardWedgeDetector();
    const events = keystrokes(WECHAT_CODE, { start: 0, gaps: 5, suffix: null });
    feed(detector, events);
    const at = 5 * WECHAT_CODE.length;
    const first = detector.keydown({ code: 'Enter', key: 'Process', timeStamp: at, editable: true });
    const second = detector.keydown({ code: 'Enter', key: 'Enter', timeStamp: at, editable: true });
    expect(first).toMatchObject({ action: 'scan', scan: { code: WECHAT_CODE } });
    expect(second).toEqual({ action: 'swallow' });
    // A cashier's Enter a moment later is the cashier's.
    expect(detector.keydown({ code: 'Enter', key: 'Enter', timeStamp: at + 400, editable: true })).toEqual({
      action: 'pass',
    });
  });

  it('hands back the field as the cashier left it before the burst', () => {
    const detector = new KeyboardWedgeDetector();
    // The cashier types "12" into the amount field, slowly...
    feed(
      detector,
      keystrokes('12', {
        start: 0,
        gaps: 150,
        field: { value: '', selectionStart: 0, selectionEnd: 0 },
        suffix: null,
      }),
    );
    // ...then scans while the caret is still in it: the field holds "12" before the burst.
    const before = { value: '12', selectionStart: 2, selectionEnd: 2 };
    const decisions = feed(
      detector,
      keystrokes(`A${WECHAT_CODE}`, { start: 500, gaps: 5, field: before, ime: true }),
    );
    expect(scans(decisions)).toEqual([
      expect.objectContaining({ code: `A${WECHAT_CODE}`, restoreField: before, viaIme: true }),
    ]);
  });

  it('keeps keys typed just before a scan out of the scanned text', () => {
    const detector = new KeyboardWedgeDetector();
    feed(detector, keystrokes('7', { start: 0, gaps: 0, suffix: null }));
    const decisions = feed(detector, keystrokes(WECHAT_CODE, { start: 90, gaps: 10 }));
    expect(scans(decisions).map((s) => s.code)).toEqual([WECHAT_CODE]);
  });

  it('accepts Tab and NumpadEnter suffixes', () => {
    for (const suffix of ['Tab', 'NumpadEnter']) {
      expect(
        scans(
          feed(
            new KeyboardWedgeDetector(),
            keystrokes('8801234567893', { start: 0, gaps: 10, suffix }),
          ),
        ),
      ).toHaveLength(1);
    }
  });

  it('ignores bursts shorter than the minimum length', () => {
    const detector = new KeyboardWedgeDetector({ minLength: 8 });
    expect(scans(feed(detector, keystrokes('1234567', { start: 0, gaps: 5 })))).toEqual([]);
    expect(scans(feed(detector, keystrokes('12345678', { start: 100, gaps: 5 })))).toHaveLength(1);
  });

  it('does not take a burst that stalled in the middle', () => {
    const events = keystrokes(WECHAT_CODE, { start: 0, gaps: [5, 5, 5, 5, 5, 5, 5, 5, 200] });
    expect(scans(feed(new KeyboardWedgeDetector(), events))).toEqual([]);
  });

  it('does not take a burst whose Enter comes late (a person pressing Enter after a paste-like burst)', () => {
    const events = keystrokes(WECHAT_CODE, { start: 0, gaps: 5 });
    events.at(-1)!.timeStamp += 300;
    expect(scans(feed(new KeyboardWedgeDetector(), events))).toEqual([]);
  });

  it('lets shortcuts (Ctrl+V) and non-character keys break a burst', () => {
    const detector = new KeyboardWedgeDetector();
    const events = keystrokes(WECHAT_CODE, { start: 0, gaps: 5 });
    events.splice(5, 0, { code: 'KeyV', key: 'v', ctrlKey: true, timeStamp: 25, editable: false });
    expect(scans(feed(detector, events)).map((s) => s.code)).toEqual([WECHAT_CODE.slice(5)]);
    const arrows = keystrokes(WECHAT_CODE, { start: 1000, gaps: 5 });
    arrows.splice(3, 0, { code: 'ArrowLeft', key: 'ArrowLeft', timeStamp: 1012, editable: false });
    expect(scans(feed(detector, arrows)).map((s) => s.code)).toEqual([WECHAT_CODE.slice(3)]);
  });

  it('tells shortcut handlers while a burst is under way', () => {
    const detector = new KeyboardWedgeDetector();
    feed(detector, keystrokes('1347', { start: 0, gaps: 8, suffix: null }));
    expect(detector.scanInProgress(30)).toBe(true);
    expect(detector.scanInProgress(200)).toBe(false);
    detector.reset();
    expect(detector.scanInProgress(30)).toBe(false);
  });

  it('refuses options that cannot work', () => {
    expect(() => new KeyboardWedgeDetector({ avgKeyIntervalMs: 50, maxGapMs: 20 })).toThrow(
      RangeError,
    );
  });

  it('finds any code typed at scanner speed and never one typed at human speed', () => {
    const printable = fc.constantFrom(...KEY_FOR.keys());
    fc.assert(
      fc.property(
        fc.array(printable, { minLength: 6, maxLength: 80 }).map((cs) => cs.join('')),
        fc.array(fc.integer({ min: 1, max: 28 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.integer({ min: 80, max: 400 }), { minLength: 1, maxLength: 10 }),
        fc.boolean(),
        (code, scannerGaps, humanGaps, ime) => {
          expect(
            scans(
              feed(
                new KeyboardWedgeDetector(),
                keystrokes(code, { start: 0, gaps: scannerGaps, ime }),
              ),
            ).map((s) => s.code),
          ).toEqual([code]);
          expect(
            scans(
              feed(
                new KeyboardWedgeDetector(),
                keystrokes(code, { start: 0, gaps: humanGaps, ime }),
              ),
            ),
          ).toEqual([]);
        },
      ),
    );
  });
});

describe('charForCode', () => {
  it('maps physical keys of the US layout, with Shift', () => {
    expect(charForCode('KeyA', false)).toBe('a');
    expect(charForCode('KeyA', true)).toBe('A');
    expect(charForCode('Digit2', true)).toBe('@');
    expect(charForCode('Numpad7', false)).toBe('7');
    expect(charForCode('Minus', true)).toBe('_');
    expect(charForCode('Equal', false)).toBe('=');
    expect(charForCode('Enter', false)).toBeNull();
  });
});

// The project's tsconfig has no DOM lib (src/ must not see DOM types), so the
// happy-dom globals are reached through a narrow type.
interface InputElement extends TextFieldLike {
  selectionStart: number | null;
  selectionEnd: number | null;
  addEventListener(type: 'input', listener: () => void): void;
  remove(): void;
}
const { document } = globalThis as unknown as {
  document: {
    createElement(tag: 'input'): InputElement;
    body: { append(node: InputElement): void };
  };
};

describe('restoreField (happy-dom input)', () => {
  it('puts back the value and caret from before the burst and tells listeners', () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.value = '12';
    const before = { value: input.value, selectionStart: 2, selectionEnd: 2 };
    input.value = '12ㅁㄴ134728953980228598'; // what the IME and the scanner left in the field
    const seen: string[] = [];
    input.addEventListener('input', () => seen.push(input.value));

    restoreField(input, before);

    expect(input.value).toBe('12');
    expect([input.selectionStart, input.selectionEnd]).toEqual([2, 2]);
    expect(seen).toEqual(['12']);
    input.remove();
  });
});
