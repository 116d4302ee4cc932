import { colorAt } from './palette';

export interface Segment {
  key: string;
  label: string;
  value: number;
  valueText: string;
}

/** One 100%-wide bar split into segments (e.g. pillar scores of a total, region shares). */
export function StackedBar({
  segments,
  total,
  title,
}: {
  segments: Segment[];
  total: number;
  title: string;
}) {
  const width = 640;
  let x = 0;
  return (
    <figure style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${width} 28`} role="img" aria-label={title}>
        <title>{title}</title>
        <rect x={0} y={2} width={width} height={24} fill="#eef1f6" rx={4} />
        {segments.map((s, i) => {
          const w = total > 0 ? (s.value / total) * width : 0;
          const rect = (
            <rect key={s.key} x={x} y={2} width={Math.max(0, w)} height={24} fill={colorAt(i)}>
              <title>{`${s.label}: ${s.valueText}`}</title>
            </rect>
          );
          x += w;
          return rect;
        })}
      </svg>
      <figcaption className="legend">
        {segments.map((s, i) => (
          <span key={s.key} style={{ ['--swatch' as string]: colorAt(i) }}>
            {s.label} <strong>{s.valueText}</strong>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
