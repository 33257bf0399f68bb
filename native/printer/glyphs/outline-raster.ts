import { type Bitmap, createBitmap, setDot } from '../bitmap.js';

/** A glyph outline command as fontkit's `Path.commands` gives it (font units, y up). */
export interface OutlineCommand {
  command: string;
  args: number[];
}

/** Maps font units to dots: x' = (x - left) * scale, y' = (top - y) * scale. */
export interface OutlineTransform {
  scale: number;
  left: number;
  top: number;
}

type Point = [number, number];

// Curves become this many line segments: plenty for a 24-dot glyph.
const CURVE_STEPS = 8;
// Sub-samples per dot in each direction; a dot is black when half of them are inside.
const SUPERSAMPLE = 4;

/** The outline as closed polygons, in dots. */
function polygons(commands: readonly OutlineCommand[], t: OutlineTransform): Point[][] {
  const map = (x: number, y: number): Point => [(x - t.left) * t.scale, (t.top - y) * t.scale];
  const out: Point[][] = [];
  let current: Point[] = [];
  let at: Point = [0, 0];
  const close = () => {
    if (current.length > 2) out.push(current);
    current = [];
  };
  for (const { command, args } of commands) {
    const a = args;
    if (command === 'moveTo') {
      close();
      at = map(a[0]!, a[1]!);
      current.push(at);
    } else if (command === 'lineTo') {
      at = map(a[0]!, a[1]!);
      current.push(at);
    } else if (command === 'quadraticCurveTo') {
      const [c, e] = [map(a[0]!, a[1]!), map(a[2]!, a[3]!)];
      const s = at;
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const u = i / CURVE_STEPS;
        const v = 1 - u;
        current.push([v * v * s[0] + 2 * v * u * c[0] + u * u * e[0], v * v * s[1] + 2 * v * u * c[1] + u * u * e[1]]);
      }
      at = e;
    } else if (command === 'bezierCurveTo') {
      const [c1, c2, e] = [map(a[0]!, a[1]!), map(a[2]!, a[3]!), map(a[4]!, a[5]!)];
      const s = at;
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const u = i / CURVE_STEPS;
        const v = 1 - u;
        const p = (k: 0 | 1) => v * v * v * s[k] + 3 * v * v * u * c1[k] + 3 * v * u * u * c2[k] + u * u * u * e[k];
        current.push([p(0), p(1)]);
      }
      at = e;
    } else if (command === 'closePath') close();
  }
  close();
  return out;
}

/**
 * Fills a glyph outline into a `width` x `height` bitmap with the non-zero
 * winding rule (TrueType and CFF outlines both use it), thresholded at half
 * coverage: a thermal head prints dots, not grey.
 */
export function rasterizeOutline(
  commands: readonly OutlineCommand[],
  transform: OutlineTransform,
  width: number,
  height: number,
): Bitmap {
  const shapes = polygons(commands, transform);
  const coverage = new Uint8Array(width * height);
  for (let sy = 0; sy < height * SUPERSAMPLE; sy++) {
    const y = (sy + 0.5) / SUPERSAMPLE;
    const crossings: { x: number; dir: number }[] = [];
    for (const shape of shapes) {
      for (let i = 0; i < shape.length; i++) {
        const [x0, y0] = shape[i]!;
        const [x1, y1] = shape[(i + 1) % shape.length]!;
        if (y0 === y1 || y < Math.min(y0, y1) || y >= Math.max(y0, y1)) continue;
        crossings.push({ x: x0 + ((y - y0) / (y1 - y0)) * (x1 - x0), dir: y1 > y0 ? 1 : -1 });
      }
    }
    crossings.sort((p, q) => p.x - q.x);
    let winding = 0;
    for (let i = 0; i < crossings.length - 1; i++) {
      winding += crossings[i]!.dir;
      if (winding === 0) continue;
      const from = Math.max(0, Math.ceil(crossings[i]!.x * SUPERSAMPLE - 0.5));
      const to = Math.min(width * SUPERSAMPLE - 1, Math.floor(crossings[i + 1]!.x * SUPERSAMPLE - 0.5));
      const row = Math.floor(sy / SUPERSAMPLE) * width;
      for (let sx = from; sx <= to; sx++) coverage[row + Math.floor(sx / SUPERSAMPLE)]!++;
    }
  }
  const bitmap = createBitmap(width, height);
  const half = (SUPERSAMPLE * SUPERSAMPLE) / 2;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (coverage[y * width + x]! >= half) setDot(bitmap, x, y);
  return bitmap;
}
