import type { DecodedElement, DecodedReceipt } from './decoded-receipt.js';

/**
 * What the virtual printer agrees to draw (issue 14 point 6: a 300-byte feed
 * bomb once took 2.7 GB and 120 s, and opening it froze the till). The
 * figures are a real 80 mm printer's own bounds, with room to spare: ESC/POS
 * scales characters 1-8 times (GS !), QR modules are 1-16 dots (GS ( k
 * fn 167), bar modules 2-6 dots on Epson but up to 8 from drivers (escpos-php's
 * barcode demo sends GS w 1-8), bars at most 255 dots high (GS w, GS h),
 * and ESC d feeds at most 255 lines. A receipt over 3 m of paper is a fault,
 * not a receipt. Anything beyond is refused with one line saying which limit,
 * before a single dot is allocated.
 */
export const RENDER_LIMITS = {
  /** 3 m of paper at 8 dots per mm. */
  maxPaperDots: 24_000,
  /** Printed things in one receipt (lines, images, codes). */
  maxElements: 5_000,
  /** Empty lines in a row (ESC d n gives at most 255). */
  maxFeedLines: 255,
  maxTextScale: 8,
  maxQrModuleDots: 16,
  maxBarModuleDots: 8,
  maxBarHeightDots: 255,
  maxImageScale: 2,
} as const;

/** A receipt the virtual printer will not draw, with the one-line reason. */
export class RenderRefusedError extends Error {
  override readonly name = 'RenderRefusedError';
}

function elementProblem(element: DecodedElement): string | null {
  const L = RENDER_LIMITS;
  switch (element.kind) {
    case 'text': {
      const scale = Math.max(1, ...element.line.cells.map((c) => Math.max(c.scaleX, c.scaleY)));
      return scale > L.maxTextScale ? `characters scaled ${scale} times (at most ${L.maxTextScale})` : null;
    }
    case 'qr':
      return element.moduleSize > L.maxQrModuleDots || element.moduleSize < 1
        ? `a QR module of ${element.moduleSize} dots (1 to ${L.maxQrModuleDots})`
        : null;
    case 'barcode':
      if (element.moduleWidth > L.maxBarModuleDots) return `a bar module of ${element.moduleWidth} dots (at most ${L.maxBarModuleDots})`;
      return element.height > L.maxBarHeightDots ? `bars ${element.height} dots high (at most ${L.maxBarHeightDots})` : null;
    case 'image':
      return Math.max(element.scaleX, element.scaleY) > L.maxImageScale ? `an image scaled ${Math.max(element.scaleX, element.scaleY)} times` : null;
    default:
      return null;
  }
}

/** Throws RenderRefusedError when the decoded receipt is beyond RENDER_LIMITS (counts, feeds, symbol sizes). */
export function checkRenderLimits(receipt: DecodedReceipt): void {
  if (receipt.elements.length > RENDER_LIMITS.maxElements)
    throw new RenderRefusedError(`the receipt has ${receipt.elements.length} printed elements (at most ${RENDER_LIMITS.maxElements})`);
  let blankRun = 0;
  for (const element of receipt.elements) {
    const blank = element.kind === 'text' && element.line.cells.length === 0;
    blankRun = blank ? blankRun + 1 : 0;
    if (blankRun > RENDER_LIMITS.maxFeedLines) throw new RenderRefusedError(`more than ${RENDER_LIMITS.maxFeedLines} empty lines fed in a row`);
    const problem = elementProblem(element);
    if (problem) throw new RenderRefusedError(`the receipt asks for ${problem}`);
  }
}

/** Throws RenderRefusedError when drawn paper would be taller than RENDER_LIMITS.maxPaperDots. */
export function checkPaperHeight(dots: number): void {
  if (dots > RENDER_LIMITS.maxPaperDots)
    throw new RenderRefusedError(`the receipt is ${dots} dots long (at most ${RENDER_LIMITS.maxPaperDots}, 3 m of paper)`);
}
