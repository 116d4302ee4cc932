export interface SparkPoint {
  /** Distinguishes points (the evidence id). */
  id: string;
  /** An ISO date (YYYY-MM-DD). */
  date: string;
  value: number;
}

interface SeriesSparklineProps {
  /** The accepted values, oldest first. */
  series: SparkPoint[];
  /** The value under review, drawn after the series and highlighted. */
  candidate: SparkPoint;
  /** Names the chart and lists its numbers (title and aria-label): the chart adds nothing a screen reader misses. */
  label: string;
  testId?: string;
}

const W = 132;
const H = 36;
const PAD = 4;

/**
 * A tiny server-rendered line of a project's accepted values of one indicator with the value under
 * review as a highlighted last point, spaced by date. The y scale is linear from the smallest to the
 * largest value shown, so a spike reads as a spike; the numbers are in the label.
 */
export function SeriesSparkline({ series, candidate, label, testId }: SeriesSparklineProps) {
  const points = [...series, candidate];
  const times = points.map((p) => Date.parse(`${p.date}T00:00:00Z`));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const values = points.map((p) => p.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const xAt = (i: number) => {
    const t = times[i] ?? t0;
    if (t1 === t0) return points.length <= 1 ? W / 2 : PAD + (i / (points.length - 1)) * (W - 2 * PAD);
    return PAD + ((t - t0) / (t1 - t0)) * (W - 2 * PAD);
  };
  const yAt = (v: number) => (hi === lo ? H / 2 : PAD + (1 - (v - lo) / (hi - lo)) * (H - 2 * PAD));
  const seriesPath = series
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${xAt(i).toFixed(1)},${yAt(p.value).toFixed(1)}`)
    .join(' ');
  const last = series.length - 1;
  const lastPoint = series[last];
  const cx = xAt(points.length - 1);
  const cy = yAt(candidate.value);
  return (
    <svg
      className="sparkline"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
      data-testid={testId}
    >
      <title>{label}</title>
      {series.length > 1 ? <path d={seriesPath} fill="none" stroke="#6b7a99" strokeWidth={1.5} /> : null}
      {series.map((p, i) => (
        <circle key={p.id} cx={xAt(i)} cy={yAt(p.value)} r={1.8} fill="#6b7a99" />
      ))}
      {lastPoint ? (
        <line
          x1={xAt(last)}
          y1={yAt(lastPoint.value)}
          x2={cx}
          y2={cy}
          stroke="#c0392b"
          strokeWidth={1.5}
          strokeDasharray="3 2"
        />
      ) : null}
      <circle cx={cx} cy={cy} r={3.4} fill="#c0392b" stroke="#fff" strokeWidth={1} />
    </svg>
  );
}
