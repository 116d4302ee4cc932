/** Horizontal bars with a label and a value text per row; inline SVG, readable without colour. */
export interface BarDatum {
  key: string;
  label: string;
  value: number;
  valueText: string;
  href?: string;
  note?: string;
  color?: string;
}

interface BarChartProps {
  data: BarDatum[];
  title: string;
  /** The value a full-width bar stands for; default the largest value. */
  max?: number;
  labelWidth?: number;
  /** viewBox width: about the pixel width the chart is shown at, so text stays at its normal size. */
  width?: number;
}

const ROW = 28;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function BarChart({ data, title, max, labelWidth = 170, width = 480 }: BarChartProps) {
  const WIDTH = width;
  const top = Math.max(max ?? 0, ...data.map((d) => d.value), 0);
  const valueWidth = 96;
  const barSpace = WIDTH - labelWidth - valueWidth;
  const height = data.length * ROW + 8;
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      {data.map((d, i) => {
        const y = 4 + i * ROW;
        const w = top > 0 ? Math.max(0, (d.value / top) * barSpace) : 0;
        const bar = (
          <g key={d.key}>
            <text x={labelWidth - 8} y={y + ROW / 2 + 4} textAnchor="end" className="label-strong">
              {truncate(d.label, Math.floor(labelWidth / 7.6))}
              {d.note ? ` ${d.note}` : ''}
            </text>
            <rect x={labelWidth} y={y + 5} width={barSpace} height={ROW - 10} fill="#eef1f6" rx={3} />
            <rect x={labelWidth} y={y + 5} width={w} height={ROW - 10} fill={d.color ?? '#2455c3'} rx={3} />
            <text x={labelWidth + barSpace + 8} y={y + ROW / 2 + 4}>
              {d.valueText}
            </text>
          </g>
        );
        return d.href ? (
          <a key={d.key} href={d.href}>
            {bar}
          </a>
        ) : (
          <g key={d.key}>{bar}</g>
        );
      })}
    </svg>
  );
}
