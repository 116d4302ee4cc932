import { colorAt } from './palette';

export interface LineSeries {
  key: string;
  label: string;
  values: (number | null)[];
}

interface LineChartProps {
  title: string;
  xLabels: string[];
  series: LineSeries[];
  formatY: (value: number) => string;
  /** Draw the y axis reversed (rank 1 on top). */
  isInverted?: boolean;
  yMin?: number;
  yMax?: number;
}

const W = 480;
const H = 250;
const PAD = { left: 52, right: 16, top: 14, bottom: 30 };

/** A small multi-series line chart over editions; single points are drawn as dots. */
export function LineChart({
  title,
  xLabels,
  series,
  formatY,
  isInverted = false,
  yMin,
  yMax,
}: LineChartProps) {
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const lo = yMin ?? Math.min(0, ...values);
  const hiRaw = yMax ?? Math.max(...values, lo + 1);
  const hi = hiRaw === lo ? lo + 1 : hiRaw;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const xAt = (i: number) =>
    PAD.left + (xLabels.length <= 1 ? plotW / 2 : (i / (xLabels.length - 1)) * plotW);
  const yAt = (v: number) => {
    const t = (v - lo) / (hi - lo);
    return isInverted ? PAD.top + t * plotH : PAD.top + (1 - t) * plotH;
  };
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => lo + f * (hi - lo));
  return (
    <figure style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <title>{title}</title>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={W - PAD.right} y1={yAt(tick)} y2={yAt(tick)} stroke="#e6e9ef" />
            <text x={PAD.left - 6} y={yAt(tick) + 4} textAnchor="end">
              {formatY(tick)}
            </text>
          </g>
        ))}
        {xLabels.map((label, i) => (
          <text key={label} x={xAt(i)} y={H - 10} textAnchor="middle">
            {label}
          </text>
        ))}
        {series.map((s, si) => {
          const color = colorAt(si);
          const points = s.values
            .map((v, i) => (v === null ? null : ([xAt(i), yAt(v)] as const)))
            .filter((p): p is readonly [number, number] => p !== null);
          const path = points
            .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`)
            .join(' ');
          return (
            <g key={s.key}>
              {points.length > 1 ? <path d={path} fill="none" stroke={color} strokeWidth={2.2} /> : null}
              {s.values.map((v, i) =>
                v === null ? null : (
                  <circle key={xLabels[i] ?? i} cx={xAt(i)} cy={yAt(v)} r={3.6} fill={color}>
                    <title>{`${s.label} · ${xLabels[i] ?? ''}: ${formatY(v)}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? (
        <figcaption className="legend">
          {series.map((s, i) => (
            <span key={s.key} style={{ ['--swatch' as string]: colorAt(i) }}>
              {s.label}
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}
