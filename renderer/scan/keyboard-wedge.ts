/**
 * Keyboard-wedge scanner detection for the cashier screen.
 *
 * A scanner in keyboard mode types its code as keystrokes, far faster than a
 * person (a few ms per key against 100+ ms), and ends with Enter or Tab. The
 * detector watches keydown and keyup events and recognises such a burst; it is
 * pure (no DOM, no timers), tested with event traces recorded from Chromium
 * under IBus + ibus-hangul and end to end under Xvfb (test/e2e/ime-wedge).
 *
 * Three rules make it work at a Korean counter:
 * - Characters come from `event.code` (the physical key, US layout, with
 *   Shift), not `event.key`: with the Korean IME in 한글 mode the field fills
 *   with jamo, but the codes still say KeyA, Digit1, ... which is what the
 *   scanner meant.
 * - A key whose keydown the IME swallowed is counted at its keyup. Under
 *   IBus + ibus-hangul in 한글 mode Chromium delivers a keydown for only a few
 *   letter keys, and those few as `key: 'Process'` with another key's `code`,
 *   out of order; every key's keyup arrives, in order, with its own `code`
 *   (issue 16). So 'Process' keydowns are ignored, and Shift is inferred for a
 *   keyup from a Shift keydown since the previous character (the IME releases
 *   Shift before the letter).
 * - The IME may deliver the suffix twice (229, then 13, one timestamp): a
 *   second Enter/Tab within `duplicateSuffixMs` of a scan is swallowed too.
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
 *     void window.pos.submitWedgeScan(decision.scan.code);
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
  code: string;
  /** timeStamp of the first character and of the suffix. */
  startedAt: number;
  endedAt: number;
  /** Put the focused field back to this (the scan typed into it); null when focus was not in a field. */
  restoreField: FieldSnapshot | null;
  /** The Korean (or another) IME was composing: the field received jamo, not the code. */
  viaIme: boolean;
}

/**
 * What to do with a key event: let it through, swallow it because it ends a
 * scan (`scan`), or swallow it because it is a duplicate of a scan's suffix.
 */
export type WedgeDecision = { action: 'pass' } | { action: 'swallow' } | { action: 'scan'; scan: WedgeScan };

export interface WedgeOptions {
  /** Shortest code accepted; shorter bursts are typing (onScan.js uses 6, Odoo 3). */
  minLength: number;
  /** Average ms per key a burst must stay under (onScan.js: 30). People type at 100+ ms. */
  avgKeyIntervalMs: number;
  /** A single gap longer than this ends a burst, so keys typed just before a scan stay out of it. */
  maxGapMs: number;
  /** Physical keys that end a scan. */
  suffixCodes: readonly string[];
  /** A suffix key this soon after a scan's suffix is the IME repeating it. */
  duplicateSuffixMs: number;
  /**
   * The same two limits for a burst the IME handled: IBus hands keys to Chromium late and in
   * batches (measured under Xvfb at 4 ms per key: 22 ms average and gaps up to 81 ms on a quiet
   * machine, more on a loaded one). Still far from a person typing jamo and then Enter.
   */
  imeAvgKeyIntervalMs: number;
  imeMaxGapMs: number;
}

export const defaultWedgeOptions: WedgeOptions = {
  minLength: 6,
  avgKeyIntervalMs: 30,
  maxGapMs: 60,
  suffixCodes: ['Enter', 'NumpadEnter', 'Tab'],
  duplicateSuffixMs: 100,
  imeAvgKeyIntervalMs: 80,
  imeMaxGapMs: 400,
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

function charOf(e: WedgeKeyEvent, shift: boolean): string | null {
  const byCode = charForCode(e.code, shift);
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

/** Recognises keyboard-wedge scans in a stream of key events. See the file comment for use. */
export class KeyboardWedgeDetector {
  private readonly options: WedgeOptions;
  private burst: Burst | null = null;
  // Keys whose keydown was counted, so their keyup is not counted again.
  private readonly counted = new Set<string>();
  // A Shift keydown came after the last character: the IME's keyup of a capital has no shiftKey.
  private shiftPending = false;
  private lastScanAt: number | null = null;
  // The keyup counted last: IBus sometimes hands Chromium the same keyup twice (same code, same time).
  private lastKeyup: { code: string; at: number } | null = null;

  constructor(options: Partial<WedgeOptions> = {}) {
    this.options = { ...defaultWedgeOptions, ...options };
    const { minLength, avgKeyIntervalMs, maxGapMs } = this.options;
    if (!(minLength >= 1 && avgKeyIntervalMs > 0 && maxGapMs >= avgKeyIntervalMs)) {
      throw new RangeError(
        'wedge options: minLength ≥ 1, avgKeyIntervalMs > 0, maxGapMs ≥ avgKeyIntervalMs',
      );
    }
  }

  /** Feeds one keydown; returns whether the caller must swallow it. */
  keydown(e: WedgeKeyEvent): WedgeDecision {
    if (MODIFIER_CODES.test(e.code)) {
      // Scanners press Shift between characters.
      if (/^Shift/.test(e.code)) this.shiftPending = true;
      return { action: 'pass' };
    }
    if (this.options.suffixCodes.includes(e.code)) {
      if (this.isDuplicateSuffix(e.timeStamp)) return { action: 'swallow' };
      return this.finish(e.timeStamp);
    }
    // The IME took this key: its keyup (with the right code, in order) counts it.
    if (e.key === 'Process') return { action: 'pass' };
    if (e.ctrlKey || e.altKey || e.metaKey) return this.interrupt();
    const ch = charOf(e, e.shiftKey === true);
    if (ch === null) return this.interrupt();
    this.counted.add(e.code);
    this.add(ch, e, false);
    return { action: 'pass' };
  }

  /** Feeds one keyup; counts the keys whose keydown never came. */
  keyup(e: WedgeKeyEvent): WedgeDecision {
    if (MODIFIER_CODES.test(e.code)) return { action: 'pass' };
    if (this.counted.delete(e.code)) return { action: 'pass' };
    if (this.options.suffixCodes.includes(e.code)) {
      // The IME swallowed the suffix's keydown too: the scan still ends here.
      if (this.isDuplicateSuffix(e.timeStamp)) return { action: 'pass' };
      return this.finish(e.timeStamp);
    }
    if (e.ctrlKey || e.altKey || e.metaKey) return this.interrupt();
    if (this.lastKeyup?.code === e.code && this.lastKeyup.at === e.timeStamp) return { action: 'pass' };
    const ch = charOf(e, e.shiftKey === true || this.shiftPending);
    if (ch === null) return this.interrupt();
    this.lastKeyup = { code: e.code, at: e.timeStamp };
    this.add(ch, e, true);
    return { action: 'pass' };
  }

  /** Whether a fast burst is under way at `now`: shortcut handlers ignore keys meanwhile. */
  scanInProgress(now: number): boolean {
    const b = this.burst;
    if (b === null || b.chars.length < 2) return false;
    const { avgKeyIntervalMs, maxGapMs } = this.limits(b.viaIme);
    return now - b.lastAt <= maxGapMs && (b.lastAt - b.firstAt) / (b.chars.length - 1) <= avgKeyIntervalMs;
  }

  /** Forgets a partial burst (e.g. when the screen changes). */
  reset(): void {
    this.burst = null;
    this.counted.clear();
    this.shiftPending = false;
    this.lastKeyup = null;
  }

  private add(ch: string, e: WedgeKeyEvent, viaIme: boolean): void {
    this.shiftPending = false;
    const burst = this.burst;
    // The IME's late keys may join a burst that is already an IME burst or already fast; a lone
    // key the cashier typed just before the scan must not become its first character.
    const lenient = burst !== null && (burst.viaIme || (viaIme && this.fastSoFar(burst)));
    if (!burst || e.timeStamp - burst.lastAt > this.limits(lenient).maxGapMs) {
      this.burst = {
        chars: [ch],
        firstAt: e.timeStamp,
        lastAt: e.timeStamp,
        restoreField: e.editable ? (e.field ?? null) : null,
        viaIme,
      };
      return;
    }
    burst.chars.push(ch);
    // The IME hands events over in batches: a timestamp may be a little older than the last.
    burst.lastAt = Math.max(burst.lastAt, e.timeStamp);
    burst.viaIme ||= viaIme;
  }

  private fastSoFar(b: Burst): boolean {
    return (
      b.chars.length >= 2 &&
      (b.lastAt - b.firstAt) / (b.chars.length - 1) <= this.options.avgKeyIntervalMs
    );
  }

  private limits(viaIme: boolean): { avgKeyIntervalMs: number; maxGapMs: number } {
    const o = this.options;
    return viaIme
      ? { avgKeyIntervalMs: o.imeAvgKeyIntervalMs, maxGapMs: o.imeMaxGapMs }
      : { avgKeyIntervalMs: o.avgKeyIntervalMs, maxGapMs: o.maxGapMs };
  }

  private isDuplicateSuffix(at: number): boolean {
    return (
      this.lastScanAt !== null && Math.abs(at - this.lastScanAt) <= this.options.duplicateSuffixMs
    );
  }

  private finish(at: number): WedgeDecision {
    const b = this.burst;
    this.burst = null;
    if (!b) return { action: 'pass' };
    const { avgKeyIntervalMs, maxGapMs } = this.limits(b.viaIme);
    // The suffix is a keystroke too: n characters + suffix make n intervals.
    const fast = (at - b.firstAt) / b.chars.length <= avgKeyIntervalMs;
    if (!fast || b.chars.length < this.options.minLength || at - b.lastAt > maxGapMs)
      return { action: 'pass' };
    this.lastScanAt = at;
    return {
      action: 'scan',
      scan: {
        code: b.chars.join(''),
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
