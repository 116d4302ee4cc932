import type { Locale } from '@/i18n/locale';
import { localName } from '@/i18n/translate';

interface Move {
  project: { slug: string; name: string; nameZh: string | null };
  rank: number | null;
  previousRank: number | null;
  change: number | null;
}

const W = 900;
const ROW = 24;
const LABEL = 230;
const RIGHT = 110;

/** Rank changes as a diverging bar chart: up to the right (green), down to the left (red). */
export function MoversChart({ moves, locale, title }: { moves: Move[]; locale: Locale; title: string }) {
  const rows = moves.filter((m) => m.change !== null).slice(0, 20);
  if (rows.length === 0) return null;
  const maxAbs = Math.max(1, ...rows.map((m) => Math.abs(m.change ?? 0)));
  const mid = LABEL + (W - LABEL - RIGHT) / 2;
  const half = (W - LABEL - RIGHT) / 2 - 6;
  const height = rows.length * ROW + 10;
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      <line x1={mid} x2={mid} y1={0} y2={height} stroke="#cdd2da" />
      {rows.map((m, i) => {
        const change = m.change ?? 0;
        const y = 5 + i * ROW;
        const w = (Math.abs(change) / maxAbs) * half;
        const isUp = change > 0;
        const label = localName(locale, m.project);
        return (
          <g key={m.project.slug}>
            <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" fill="#1a1f2b">
              {label.length > 34 ? `${label.slice(0, 33)}…` : label}
            </text>
            <rect
              x={isUp ? mid : mid - w}
              y={y + 5}
              width={w}
              height={ROW - 10}
              rx={3}
              fill={isUp ? '#2f9e75' : '#c0392b'}
            />
            <text x={W - RIGHT + 8} y={y + ROW / 2 + 4}>
              {`${m.previousRank ?? '–'} → ${m.rank ?? '–'} (${isUp ? '+' : ''}${change})`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
