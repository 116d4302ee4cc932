/** Rank intervals (sensitivity analysis): a bar from the 5th to the 95th percentile rank per project. */
export interface IntervalDatum {
  key: string;
  label: string;
  rank: number;
  median: number;
  p05: number;
  p95: number;
}

const ROW = 22;
const W = 900;
const LABEL = 230;
const RIGHT = 16;

export function IntervalChart({
  data,
  title,
  rankLabel,
}: {
  data: IntervalDatum[];
  title: string;
  rankLabel: string;
}) {
  const maxRank = Math.max(2, ...data.map((d) => Math.max(d.p95, d.rank)));
  const plotW = W - LABEL - RIGHT;
  const xAt = (rank: number) => LABEL + ((rank - 1) / (maxRank - 1)) * plotW;
  const height = 24 + data.length * ROW + 8;
  const step = Math.max(1, Math.ceil(maxRank / 8));
  const ticks: number[] = [];
  for (let r = 1; r <= maxRank; r += step) ticks.push(r);
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      {ticks.map((r) => (
        <g key={r}>
          <line x1={xAt(r)} x2={xAt(r)} y1={18} y2={height - 4} stroke="#eef0f4" />
          <text x={xAt(r)} y={12} textAnchor="middle">
            {r}
          </text>
        </g>
      ))}
      <text x={LABEL - 8} y={12} textAnchor="end">
        {rankLabel}
      </text>
      {data.map((d, i) => {
        const y = 24 + i * ROW + ROW / 2;
        return (
          <g key={d.key}>
            <title>{`${d.label}: ${d.rank} (${d.p05}–${d.p95}, median ${d.median})`}</title>
            <text x={LABEL - 8} y={y + 4} textAnchor="end" fill="#1a1f2b">
              {d.label.length > 34 ? `${d.label.slice(0, 33)}…` : d.label}
            </text>
            <line
              x1={xAt(d.p05)}
              x2={xAt(d.p95)}
              y1={y}
              y2={y}
              stroke="#9db4e8"
              strokeWidth={8}
              strokeLinecap="round"
            />
            <line
              x1={xAt(d.median)}
              x2={xAt(d.median)}
              y1={y - 7}
              y2={y + 7}
              stroke="#1b3f91"
              strokeWidth={2}
            />
            <circle cx={xAt(d.rank)} cy={y} r={4.5} fill="#d9822b" stroke="#fff" strokeWidth={1.5} />
          </g>
        );
      })}
    </svg>
  );
}
