import { KeyboardWedgeDetector, restoreField } from '../../scan/keyboard-wedge.js';
import type { FieldSnapshot, WedgeKeyEvent } from '../../scan/keyboard-wedge.js';
import { pos } from '../client.js';

type TextField = HTMLInputElement | HTMLTextAreaElement;

function textField(target: EventTarget | null): TextField | null {
  if (target instanceof HTMLTextAreaElement) return target;
  if (target instanceof HTMLInputElement && /^(text|search|tel|number|password|url|email)$/.test(target.type)) return target;
  return null;
}

function snapshotOf(field: TextField): FieldSnapshot {
  return { value: field.value, selectionStart: field.selectionStart, selectionEnd: field.selectionEnd };
}

// After a scan the IME may still commit the jamo it was composing (on the suffix, or a moment
// later): for this long, any input into the field puts it back again.
const LATE_COMMIT_MS = 400;

/** The detector every key event goes through first, so shortcuts can ask whether a scan is under way. */
export const wedge = new KeyboardWedgeDetector();

/**
 * Keyboard-wedge scanners type their code as keystrokes. This capture-phase
 * listener lets every key through to whatever has focus, and when a burst
 * ends as a scan it swallows the suffix (Enter/Tab, and the IME's repeat of
 * it), puts the focused field back to what the cashier had typed, and hands
 * the code to the core as a scan of the `keyboard-wedge` scanner: one contract
 * call, after which the core's scanner hub hands it to the checkout session
 * like any scanner's code.
 *
 * Under the Korean IME most keydowns never arrive (see keyboard-wedge.ts), so
 * the field's state from before a burst cannot always be read at its first
 * keydown: the listener keeps the field's state as of the last key event
 * outside a fast burst, and the detector uses it for a burst that starts at a keyup.
 */
export function installWedgeListener(win: Window = window): () => void {
  let quiet: { field: TextField; snapshot: FieldSnapshot } | null = null;
  let guard: { field: TextField; snapshot: FieldSnapshot; until: number } | null = null;

  const remember = (target: EventTarget | null, e: KeyboardEvent): void => {
    const field = textField(target);
    if (!field || e.key === 'Process' || /^Shift/.test(e.code) || wedge.scanInProgress(e.timeStamp)) return;
    quiet = { field, snapshot: snapshotOf(field) };
  };

  const eventOf = (e: KeyboardEvent, field: FieldSnapshot | null): WedgeKeyEvent => ({
    code: e.code,
    key: e.key,
    timeStamp: e.timeStamp,
    shiftKey: e.shiftKey,
    ctrlKey: e.ctrlKey,
    altKey: e.altKey,
    metaKey: e.metaKey,
    editable: textField(e.target) !== null,
    field,
  });

  const onScan = (e: KeyboardEvent, code: string, before: FieldSnapshot | null): void => {
    e.preventDefault();
    e.stopPropagation();
    const field = textField(e.target);
    if (before && field) {
      restoreField(field, before);
      guard = { field, snapshot: before, until: performance.now() + LATE_COMMIT_MS };
    }
    void pos()['devices.submitScan']({ source: 'keyboard-wedge', code }).catch(() => undefined);
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    const field = textField(e.target);
    // A key the IME did not take is the cashier typing again: the guard against a late IME
    // commit must not eat it (a digit typed within LATE_COMMIT_MS of a scan was lost).
    if (guard && e.key !== 'Process') guard = null;
    // Before the key changes the field: a burst that starts here restores to this.
    remember(e.target, e);
    const decision = wedge.keydown(eventOf(e, field ? snapshotOf(field) : null));
    if (decision.action === 'swallow') {
      e.preventDefault();
      e.stopPropagation();
    } else if (decision.action === 'scan') onScan(e, decision.scan.code, decision.scan.restoreField);
  };

  const onKeyUp = (e: KeyboardEvent): void => {
    const field = textField(e.target);
    const before = quiet && quiet.field === field ? quiet.snapshot : field ? snapshotOf(field) : null;
    const decision = wedge.keyup(eventOf(e, before));
    if (decision.action === 'scan') onScan(e, decision.scan.code, decision.scan.restoreField);
    else remember(e.target, e);
  };

  const onFocus = (e: FocusEvent): void => {
    const field = textField(e.target);
    if (field) quiet = { field, snapshot: snapshotOf(field) };
  };

  const onInput = (e: Event): void => {
    if (!guard || guard.field !== e.target) return;
    if (performance.now() > guard.until) {
      guard = null;
      return;
    }
    const { field, snapshot } = guard;
    if (field.value !== snapshot.value) restoreField(field, snapshot);
  };

  const onCompositionEnd = (e: Event): void => {
    // A commit that lands after the scan: put the field back once the IME has let go of it.
    if (guard && guard.field === e.target) win.setTimeout(() => onInput(e), 0);
  };

  win.addEventListener('keydown', onKeyDown, { capture: true });
  win.addEventListener('keyup', onKeyUp, { capture: true });
  win.addEventListener('focusin', onFocus, { capture: true });
  win.addEventListener('input', onInput, { capture: true });
  win.addEventListener('compositionend', onCompositionEnd, { capture: true });
  return () => {
    win.removeEventListener('keydown', onKeyDown, { capture: true });
    win.removeEventListener('keyup', onKeyUp, { capture: true });
    win.removeEventListener('focusin', onFocus, { capture: true });
    win.removeEventListener('input', onInput, { capture: true });
    win.removeEventListener('compositionend', onCompositionEnd, { capture: true });
  };
}
