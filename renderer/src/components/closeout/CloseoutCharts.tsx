import { BarController, BarElement, CategoryScale, Chart, DoughnutController, ArcElement, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../i18n/format.js';
import { loadUiFontFor, uiFontFamily } from '../../styles/ui-font.js';
import type { CloseoutFigures } from './closeout-api.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip);

/** Labels in the UI's own type (chart.js defaults to Helvetica/Arial, which have no Korean or Chinese). */
function useChart(build: (canvas: HTMLCanvasElement) => Chart, deps: unknown[]) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    Chart.defaults.font.family = uiFontFamily();
    const chart = build(ref.current);
    let live = true;
    const labels = [...(chart.data.labels ?? []), ...chart.data.datasets.map((d) => d.label ?? '')].join('');
    // Redraw once the faces for the labels have arrived: the first draw may have used boxes.
    void loadUiFontFor(labels).then(() => live && chart.update());
    return () => {
      live = false;
      chart.destroy();
    };
  }, deps);
  return ref;
}

/** Sales by hour and by method (chart.js on canvas: nothing inline that the CSP would refuse). */
export function CloseoutCharts({ report }: { report: CloseoutFigures }) {
  const { t, i18n } = useTranslation();
  const money = (v: number) => formatMoney(v, report.currency, i18n.language);
  const byHour = useChart(
    (canvas) =>
      new Chart(canvas, {
        type: 'bar',
        data: {
          // Every hour of the business day from the cut-off, empty ones too: a gap is a figure.
          labels: report.byHour.map((h) => String(h.hour).padStart(2, '0')),
          datasets: [{ label: t('closeout.chart.byHour'), data: report.byHour.map((h) => h.amount), backgroundColor: '#1565c0' }],
        },
        options: { animation: false, responsive: true, plugins: { tooltip: { callbacks: { label: (c) => money(Number(c.raw)) } } } },
      }),
    [report, i18n.language],
  );
  // By payment method as the Z prints it (현금, 카드, 간편결제, 기타), not by channel.
  const methods = Object.entries(report.byMethod).filter(([, v]) => v.sales.amount > 0);
  const byMethod = useChart(
    (canvas) =>
      new Chart(canvas, {
        type: 'doughnut',
        data: {
          labels: methods.map(([m]) => t(`closeout.method.${m}`)),
          datasets: [{ data: methods.map(([, v]) => v.net), backgroundColor: ['#2e7d32', '#1565c0', '#c62828', '#f9a825', '#6a1b9a'] }],
        },
        options: { animation: false, plugins: { tooltip: { callbacks: { label: (c) => money(Number(c.raw)) } } } },
      }),
    [report, i18n.language],
  );
  return (
    <div className="closeout-charts">
      <figure>
        <figcaption>{t('closeout.chart.byHour')}</figcaption>
        <canvas ref={byHour} data-testid="chart-by-hour" />
      </figure>
      <figure>
        <figcaption>{t('closeout.chart.byMethod')}</figcaption>
        <canvas ref={byMethod} data-testid="chart-by-method" />
      </figure>
    </div>
  );
}
