/**
 * Keyboard-wedge scanner detection for the cashier screen.
 *
 * A scanner in keyboard mode types its code as keystrokes, far faster than a
 * person (a few ms per key against 100+ ms), and ends with Enter or Tab. The
 * detector watches keydown events and recognises such a burst; it is pure (no
 * DOM, no timers) so it is tested with synthetic events.
 *
 * Two rules make it work at a Korean counter:
 * - Characters come from `event.code` (the physical key, US layout, with
 *   Shift), not `event.key`: with the Korean IME in 한글 mode the keys arrive
 *   as `key: 'Process'` (keyCode 229) and the field fills with jamo, but the
 *   codes still say KeyA, Digit1, ... which is what the scanner meant.
 * - It never steals what the cashier types. Keys always go through to the
 *   field; only the suffix of a recognised scan is swallowed. When a burst
 *   typed into a field turns out to be a scan, the detector hands back the
 *   field's value and selection from just before the burst's first key, and
 *   the caller puts them back: whatever the cashier typed stays, the scanned
 *   characters (or the jamo the IME made of them) go.
 *
 * Use (the UI helper's keydown listener, registered in the capture phase):
 *
 *   const wedge = new KeyboardWedgeDetector({ minLength: 6 });
 *   window.addEventListener('keydown', (e) => {
 *     const el = e.target;
 *     const field = isTextField(el) ? { value: el.value, selectionStart: el.selectionStart, selectionEnd: el.selectionEnd } : null;
 *     const decision = wedge.keydown({
 *       code: e.code, key: e.key, timeStamp: e.timeStamp,
 *       shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey,
 *       editable: field !== null, field,
 *     });
 *     if (decision.action !== 'scan') return;
 *     e.preventDefault();            // the Enter/Tab suffix must not submit a form or move focus
 *     e.stopPropagation();
 *     const before = decision.scan.restoreField;
 *     if (before && isTextField(el)) restoreField(el, before);
 *     void window.pos.submitWedgeScan(decision.scan.text);
 *   }, { capture: true });
 *
 * Single-key shortcuts should check `scanInProgress(e.timeStamp)` and ignore
 * keys while it is true, or use modifiers / function keys.
 */

/** A field's content and selection, read in keydown (before the key changes it). */
export interface FieldSnapshot {
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
}

/** The parts of a KeyboardEvent the detector reads. */
export interface WedgeKeyEvent {
  code: string;
  key: string;
  /** `event.timeStamp`: set when the OS delivered the key, so a busy renderer does not distort gaps. */
  timeStamp: number;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /** Focus is in a text field (input, textarea, contenteditable). */
  editable: boolean;
  /** That field's content before this key, when `editable`. */
  field?: FieldSnapshot | null;
}

/** A recognised scan. */
export interface WedgeScan {
  text: string;
  /** timeStamp of the first character and of the suffix. */
  startedAt: number;
  endedAt: number;
  /** Put the focused field back to this (the scan typed into it); null when focus was not in a field. */
  restoreField: FieldSnapshot | null;
  /** The Korean (or another) IME was composing: the field received jamo, not the code. */
  viaIme: boolean;
}

/** What to do with a keydown: let it through, or swallow it because it ends a scan. */
export type WedgeDecision = { action: 'pass' } | { action: 'scan'; scan: WedgeScan };

export interface WedgeOptions {
  /** Shortest code accepted; shorter bursts are typing (onScan.js uses 6, Odoo 3). */
  minLength: number;
  /** Average ms per key a burst must stay under (onScan.js: 30). People type at 100+ ms. */
  avgKeyIntervalMs: number;
  /** A single gap longer than this ends a burst, so keys typed just before a scan stay out of it. */
  maxGapMs: number;
  /** Physical keys that end a scan. */
  suffixCodes: readonly string[];
}

export const defaultWedgeOptions: WedgeOptions = {
  minLength: 6,
  avgKeyIntervalMs: 30,
  maxGapMs: 60,
  suffixCodes: ['Enter', 'NumpadEnter', 'Tab'],
};

// US layout: Korean keyboards share it, and scanners default to it.
const SHIFTED_DIGITS = ')!@#$%^&*(';
const PUNCTUATION: Record<string, [string, string]> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Backquote: ['`', '~'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
};
const MODIFIER_CODES =
  /^(Shift|Control|Alt|Meta|OS)(Left|Right)?$|^(CapsLock|NumLock|Lang1|Lang2|HangulMode|HanjaMode)$/;

/** The character a physical key types on a US layout, or null for a non-character key. */
export function charForCode(code: string, shift: boolean): string | null {
  let m = /^Key([A-Z])$/.exec(code);
  if (m) return shift ? m[1]! : m[1]!.toLowerCase();
  m = /^Digit([0-9])$/.exec(code);
  if (m) return shift ? SHIFTED_DIGITS[Number(m[1])]! : m[1]!;
  m = /^Numpad([0-9])$/.exec(code);
  if (m) return m[1]!;
  const pair = PUNCTUATION[code];
  return pair ? pair[shift ? 1 : 0] : null;
}

function charOf(e: WedgeKeyEvent): string | null {
  const byCode = charForCode(e.code, e.shiftKey === true);
  if (byCode !== null) return byCode;
  // Keys US layout lacks (IntlBackslash, ...): trust `key` when it is a plain character.
  return e.key.length === 1 && e.key >= ' ' && e.key <= '~' ? e.key : null;
}

interface Burst {
  chars: string[];
  firstAt: number;
  lastAt: number;
  restoreField: FieldSnapshot | null;
  viaIme: boolean;
}

/** Recognises keyboard-wedge scans in a stream of keydown events. See the file comment for use. */
export class KeyboardWedgeDetector {
  private readonly options: WedgeOptions;
  private burst: Burst | null = null;

  constructor(options: Partial<WedgeOptions> = {}) {
    this.options = { ...defaultWedgeOptions, ...options };
    const { minLength, avgKeyIntervalMs, maxGapMs } = this.options;
    if (!(minLength >= 1 && avgKeyIntervalMs > 0 && maxGapMs >= avgKeyIntervalMs)) {
      throw new RangeError(
        'wedge options: minLength ≥ 1, avgKeyIntervalMs > 0, maxGapMs ≥ avgKeyIntervalMs',
      );
    }
  }

  /** Feeds one keydown; returns whether the caller must swallow it as the end of a scan. */
  keydown(e: WedgeKeyEvent): WedgeDecision {
    if (MODIFIER_CODES.test(e.code)) return { action: 'pass' }; // scanners press Shift between characters
    if (e.ctrlKey || e.altKey || e.metaKey) return this.interrupt();
    if (this.options.suffixCodes.includes(e.code)) return this.finish(e.timeStamp);
    const ch = charOf(e);
    if (ch === null) return this.interrupt();

    const burst = this.burst;
    if (!burst || e.timeStamp - burst.lastAt > this.options.maxGapMs) {
      this.burst = {
        chars: [ch],
        firstAt: e.timeStamp,
        lastAt: e.timeStamp,
        restoreField: e.editable ? (e.field ?? null) : null,
        viaIme: e.key === 'Process',
      };
    } else {
      burst.chars.push(ch);
      burst.lastAt = e.timeStamp;
      burst.viaIme ||= e.key === 'Process';
    }
    return { action: 'pass' };
  }

  /** Whether a fast burst is under way at `now`: shortcut handlers ignore keys meanwhile. */
  scanInProgress(now: number): boolean {
    const b = this.burst;
    return (
      b !== null &&
      b.chars.length >= 2 &&
      now - b.lastAt <= this.options.maxGapMs &&
      (b.lastAt - b.firstAt) / (b.chars.length - 1) <= this.options.avgKeyIntervalMs
    );
  }

  /** Forgets a partial burst (e.g. when the screen changes). */
  reset(): void {
    this.burst = null;
  }

  private finish(at: number): WedgeDecision {
    const b = this.burst;
    this.burst = null;
    const { minLength, maxGapMs } = this.options;
    // The suffix is a keystroke too: n characters + suffix make n intervals.
    const fast = b !== null && (at - b.firstAt) / b.chars.length <= this.options.avgKeyIntervalMs;
    if (!b || !fast || b.chars.length < minLength || at - b.lastAt > maxGapMs)
      return { action: 'pass' };
    return {
      action: 'scan',
      scan: {
        text: b.chars.join(''),
        startedAt: b.firstAt,
        endedAt: at,
        restoreField: b.restoreField,
        viaIme: b.viaIme,
      },
    };
  }

  private interrupt(): WedgeDecision {
    this.burst = null;
    return { action: 'pass' };
  }
}

/** The parts of an input or textarea `restoreField` uses. */
export interface TextFieldLike {
  value: string;
  setSelectionRange(start: number | null, end: number | null): void;
  dispatchEvent(event: Event): boolean;
}

/**
 * Puts a field back to a snapshot and announces it with an `input` event. The
 * value is written through the element prototype's setter because React
 * tracks the value an input last had: a plain assignment followed by an
 * `input` event would be ignored and the store would keep the scanned text.
 */
export function restoreField(field: TextFieldLike, snapshot: FieldSnapshot): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set;
  if (setter) setter.call(field, snapshot.value);
  else field.value = snapshot.value;
  field.setSelectionRange(snapshot.selectionStart, snapshot.selectionEnd);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}
