import { KeyboardWedgeDetector, restoreField } from '../../scan/keyboard-wedge.js';
import { pos } from '../client.js';

function textField(target: EventTarget | null): HTMLInputElement | HTMLTextAreaElement | null {
  if (target instanceof HTMLTextAreaElement) return target;
  if (target instanceof HTMLInputElement && /^(text|search|tel|number|password|url|email)$/.test(target.type)) return target;
  return null;
}

/** The detector every keydown goes through first, so shortcuts can ask whether a scan is under way. */
export const wedge = new KeyboardWedgeDetector();

/**
 * Keyboard-wedge scanners type their code as keystrokes. This capture-phase
 * listener lets every key through to whatever has focus, and when a burst
 * ends as a scan it swallows the suffix (Enter/Tab), puts the focused field
 * back to what the cashier had typed, and hands the code to the core as a
 * scan of the `keyboard-wedge` scanner: one contract call, after which the
 * core's scanner hub hands it to the checkout session like any scanner's code.
 */
export function installWedgeListener(win: Window = window): () => void {
  const onKeyDown = (e: KeyboardEvent): void => {
    const field = textField(e.target);
    const decision = wedge.keydown({
      code: e.code,
      key: e.key,
      timeStamp: e.timeStamp,
      shiftKey: e.shiftKey,
      ctrlKey: e.ctrlKey,
      altKey: e.altKey,
      metaKey: e.metaKey,
      editable: field !== null,
      field: field ? { value: field.value, selectionStart: field.selectionStart, selectionEnd: field.selectionEnd } : null,
    });
    if (decision.action !== 'scan') return;
    e.preventDefault();
    e.stopPropagation();
    const before = decision.scan.restoreField;
    if (before && field) restoreField(field, before);
    void pos()['devices.submitScan']({ source: 'keyboard-wedge', text: decision.scan.text }).catch(() => undefined);
  };
  win.addEventListener('keydown', onKeyDown, { capture: true });
  return () => win.removeEventListener('keydown', onKeyDown, { capture: true });
}
