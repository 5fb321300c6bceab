import { ChartTable } from './chart-table';
import { date, number } from '../i18n/i18n';

export interface Series {
  label: string;
  /** One value per x, null where nothing was reported. */
  values: Array<number | null>;
}

const WIDTH = 640;
const HEIGHT = 280;
const PAD = { left: 56, right: 16, top: 16, bottom: 40 };

/**
 * Figures over time, drawn as SVG by hand (a charting library would weigh more than the whole desk), with the
 * same figures in a table for screen readers and for print.
 */
export function LineChart({ title, dates, series, ceiling }: { title: string; dates: string[]; series: Series[]; ceiling: { label: string; value: number } }) {
  const top = Math.max(ceiling.value, ...series.flatMap((line) => line.values.map((value) => value ?? 0)));
  const first = Date.parse(dates[0] ?? '');
  const span = Math.max(1, Date.parse(dates[dates.length - 1] ?? '') - first);
  const x = (iso: string) => PAD.left + ((Date.parse(iso) - first) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => HEIGHT - PAD.bottom - (value / top) * (HEIGHT - PAD.top - PAD.bottom);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title}>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(ceiling.value)} y2={y(ceiling.value)} class="ceiling" />
        <text x={PAD.left + 4} y={y(ceiling.value) - 4} class="axis">
          {ceiling.label} {number(ceiling.value)}
        </text>
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={HEIGHT - PAD.bottom} class="axis-line" />
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} class="axis-line" />
        <text x={PAD.left - 6} y={HEIGHT - PAD.bottom} text-anchor="end" class="axis">
          0
        </text>
        {dates.length > 0 ? (
          <>
            <text x={PAD.left} y={HEIGHT - 12} class="axis">
              {date(dates[0])}
            </text>
            <text x={WIDTH - PAD.right} y={HEIGHT - 12} text-anchor="end" class="axis">
              {date(dates[dates.length - 1])}
            </text>
          </>
        ) : null}
        {series.map((line, index) => (
          <polyline
            key={line.label}
            class={`series series-${index}`}
            points={dates.map((at, i) => (line.values[i] === null ? '' : `${x(at)},${y(line.values[i] ?? 0)}`)).join(' ')}
          />
        ))}
      </svg>
      <figcaption>
        <ul class="legend">
          {series.map((line, index) => (
            <li key={line.label}>
              <span class={`swatch series-${index}`} aria-hidden="true" /> {line.label}
            </li>
          ))}
        </ul>
      </figcaption>
      <ChartTable
        caption={title}
        columns={series.map((line) => line.label)}
        rows={dates.map((at, i) => ({ label: date(at), cells: series.map((line) => number(line.values[i])) }))}
      />
    </figure>
  );
}
