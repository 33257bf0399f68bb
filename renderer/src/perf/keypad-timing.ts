import { flushSync } from 'react-dom';

/** The performance-measure names the browser test and bench/ui-keypress.ts read. */
export const KEYPAD_PAINT_MEASURE = 'keypad-paint';
export const KEYPAD_WORK_MEASURE = 'keypad-work';

/**
 * Runs a keypad press's state change and measures it twice:
 * - `keypad-work`: from the input event until React has committed and the
 *   browser has laid the page out (flushSync, then a forced layout): the
 *   press's own cost, which must fit in a frame;
 * - `keypad-paint`: from the input event until the frame showing it has been
 *   painted (a requestAnimationFrame callback runs just before that paint, a
 *   message posted from it is handled right after): what the cashier sees,
 *   including the wait for the display's next frame.
 */
export function timedKeypadPress(event: Event, action: () => void): void {
  const start = event.timeStamp;
  flushSync(action);
  void document.body.offsetHeight;
  performance.measure(KEYPAD_WORK_MEASURE, { start, end: performance.now() });
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      performance.measure(KEYPAD_PAINT_MEASURE, { start, end: performance.now() });
      channel.port1.close();
    };
    channel.port2.postMessage(null);
  });
}
