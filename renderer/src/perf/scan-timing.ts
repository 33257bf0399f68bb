/** The performance mark bench/catalog.ts reads: when a scanned product's line was painted. */
export const SCAN_PAINT_MARK = 'scan-line-painted';

/**
 * Marks the frame that shows a scanned product's line, with its wall-clock
 * time (`detail.at`, epoch ms), so the bench can measure from the moment the
 * scanner handed the code over in the core. A requestAnimationFrame callback
 * runs just before that paint; a message posted from it is handled right after.
 */
export function markScanPainted(): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      performance.mark(SCAN_PAINT_MARK, { detail: { at: performance.timeOrigin + performance.now() } });
      channel.port1.close();
    };
    channel.port2.postMessage(null);
  });
}
