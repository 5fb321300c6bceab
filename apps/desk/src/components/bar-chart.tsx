import { ChartTable } from './chart-table';
import { number } from '../i18n/i18n';

export interface Bar {
  label: string;
  /** The bar's length; null when nothing was measured. */
  value: number | null;
  /** A mark on the bar (a median beside a longest wait), null for none. */
  mark?: number | null;
}

const WIDTH = 760;
const ROW = 26;
const LABEL = 300;

/** A figure, or a dash where there is none (a median with no decided step is not an unreported count). */
const figure = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : number(value));

/** Horizontal bars drawn as SVG, slowest first as given, with the same figures in a table for screen readers and print. */
export function BarChart({
  title,
  unit,
  bars,
  columns,
  max,
  drawMark = true,
}: {
  title: string;
  unit: string;
  bars: Bar[];
  columns: [string, string];
  /** The scale's end (a grade's 3); the longest bar's when absent. */
  max?: number;
  /** The mark is on the bars' scale (a median): drawn; otherwise (a count beside a mean) only in the table. */
  drawMark?: boolean;
}) {
  const top = max ?? Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const length = (value: number) => (value / top) * (WIDTH - LABEL - 70);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${bars.length * ROW + 8}`} role="img" aria-label={title}>
        {bars.map((bar, index) => (
          <g key={bar.label} transform={`translate(0 ${index * ROW + 4})`}>
            <text x={LABEL - 8} y={ROW / 2 + 4} text-anchor="end" class="axis">
              {bar.label}
            </text>
            <rect x={LABEL} y={4} height={ROW - 10} width={length(bar.value ?? 0)} class="bar" />
            {drawMark && bar.mark !== null && bar.mark !== undefined ? (
              <rect x={LABEL + length(bar.mark) - 1} y={1} height={ROW - 4} width={3} class="bar-mark" />
            ) : null}
            <text x={LABEL + length(bar.value ?? 0) + 6} y={ROW / 2 + 4} class="axis">
              {figure(bar.value)} {unit}
            </text>
          </g>
        ))}
      </svg>
      <ChartTable caption={title} columns={columns} rows={bars.map((bar) => ({ label: bar.label, cells: [figure(bar.value), figure(bar.mark)] }))} />
    </figure>
  );
}
