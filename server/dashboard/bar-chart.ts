import { type Html, html } from './html.js';

/** One bar: its axis label, its value, and the value as the reader reads it (the bar's tooltip). */
export interface Bar {
  label: string;
  value: number;
  title: string;
}

const WIDTH = 600;
const HEIGHT = 200;
const AXIS = 18;

/**
 * A bar chart as inline SVG, drawn on the server: no script (the pages'
 * CSP runs none), sharp on a phone's screen, scaled by its viewBox. Negative
 * values (a day of refunds) draw as empty bars; the table beside each chart
 * carries the exact figures.
 */
export function barChart(name: string, bars: readonly Bar[]): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = WIDTH / Math.max(1, bars.length);
  const barWidth = Math.max(2, slot * 0.7);
  const every = Math.ceil(bars.length / 12); // at most 12 labels: a phone has room for no more
  const rects = bars.map((b, i) => {
    const h = Math.round((Math.max(0, b.value) / max) * (HEIGHT - AXIS - 4));
    const x = Math.round(i * slot + (slot - barWidth) / 2);
    return html`<rect x="${x}" y="${HEIGHT - AXIS - h}" width="${Math.round(barWidth)}" height="${h}"><title>${b.label}: ${b.title}</title></rect>${
      i % every === 0 ? html`<text x="${Math.round(i * slot + slot / 2)}" y="${HEIGHT - 4}" text-anchor="middle">${b.label}</text>` : ''
    }`;
  });
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${name}" data-testid="chart">${rects}</svg>`;
}
