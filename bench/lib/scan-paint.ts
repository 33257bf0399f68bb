import type { Page } from 'playwright-core';
import type { CheckoutSession } from '../../src/payments/checkout-session.js';

/** The pause before each scan (see the loop). */
const QUIET_MS = 150;

/** One scan, in wall-clock ms from the code's hand-over to the core's scanner hub. */
export interface ScanPaint {
  /** The checkout session told the screens of the new line (the core's share). */
  core: number;
  /** The page's DOM shows the line: the core, the WebSocket, React's commit and its effects. */
  shown: number;
  /**
   * Of the time from `shown` to `painted`, how long the DOM change waited for
   * the display's next frame to begin (the frame's vsync time, as
   * requestAnimationFrame is given it, less `shown`; 0 when a frame was begun
   * at once). No page can paint before its next frame: at 60 Hz a change
   * lands at a random point of a 16.7 ms interval.
   */
  frameWait: number;
  /** Just after the frame that shows the line was painted: what the cashier sees. */
  painted: number;
}

/**
 * Installs the page's probe: once armed, the first DOM change that shows more
 * than `lines` sale lines is noted (`shown`), and the frame that follows it:
 * a requestAnimationFrame callback runs just before that frame's paint and a
 * message posted from it is handled right after (`painted`), as the keypad
 * figure measures (renderer/src/perf/keypad-timing.ts). Nothing runs on the
 * page between scans: an animation-frame loop polling the DOM would keep the
 * browser drawing a frame every 16.7 ms, so a line committed between two
 * ticks waited for the next one, a wait the measurement made (a till at rest
 * draws the frame as soon as its DOM changes).
 * A string: the TypeScript runner would wrap a named inner function in a helper the page lacks.
 */
function probeScript(lines: number): string {
  return `(() => {
    const list = document.querySelector('[data-testid="line-list"]');
    const probe = (globalThis.scanProbe = { armed: false, samples: [] });
    new MutationObserver(() => {
      if (!probe.armed || list.querySelectorAll('[data-testid="sale-line"]').length <= ${lines}) return;
      probe.armed = false;
      const shown = performance.timeOrigin + performance.now();
      requestAnimationFrame((frameTime) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          probe.samples.push({ shown, frame: performance.timeOrigin + frameTime, painted: performance.timeOrigin + performance.now() });
          channel.port1.close();
        };
        channel.port2.postMessage(null);
      });
    }).observe(list, { childList: true, subtree: true });
  })()`;
}

/**
 * Scans `codes` one by one into a sale of `lines` lines (already shown on the
 * page) through `submit`, and times each from the hand-over to the painted
 * frame; the line is taken off again after each scan, so every scan lands on
 * a sale of `lines` lines. The first `warmup` scans are not returned.
 */
export async function measureScanPaints(
  page: Page,
  { checkout, submit, codes, lines, warmup }: { checkout: CheckoutSession; submit: (code: string) => void; codes: string[]; lines: number; warmup: number },
): Promise<ScanPaint[]> {
  await page.evaluate(probeScript(lines));
  const now = () => performance.timeOrigin + performance.now();
  let toldAt: number | undefined;
  const stopWatching = checkout.onChange((state) => {
    if (toldAt === undefined && state.lines.length > lines) toldAt = now();
  });
  const samples: ScanPaint[] = [];
  try {
    for (const [i, code] of codes.entries()) {
      await page.evaluate('globalThis.scanProbe.armed = true');
      toldAt = undefined;
      const handedOver = now();
      submit(code);
      // Polled on a timer, not on animation frames (those would keep the page drawing). Generous:
      // seven other engineers' work can starve the page for seconds; a scan is never skipped.
      await page.waitForFunction((n) => (globalThis as unknown as { scanProbe: { samples: unknown[] } }).scanProbe.samples.length > n, i, { polling: 20, timeout: 120_000 });
      const seen = await page.evaluate((n) => (globalThis as unknown as { scanProbe: { samples: Array<{ shown: number; frame: number; painted: number }> } }).scanProbe.samples[n]!, i);
      if (i >= warmup) samples.push({ core: toldAt! - handedOver, shown: seen.shown - handedOver, frameWait: Math.max(0, seen.frame - seen.shown), painted: seen.painted - handedOver });
      // Back to `lines` lines for the next scan, and a quiet page before it: the removal is the
      // bench's, not the cashier's, and for a few frames after it Chromium's compositor still
      // follows the display's refresh, so a scan 30 ms later waited for the next tick (up to
      // 16.7 ms) where a till at rest begins the frame at once. A cashier's scans come a few
      // hundred ms apart.
      checkout.removeLine(checkout.state().lines.at(-1)!.lineId);
      await page.getByTestId('sale-line').nth(lines).waitFor({ state: 'detached', timeout: 120_000 });
      await page.waitForTimeout(QUIET_MS);
    }
  } finally {
    stopWatching();
  }
  return samples;
}
