/** A rank move: ▲ up, ▼ down, – unchanged, or a 'new' badge. */
export function RankChange({
  change,
  isNew,
  newLabel,
}: {
  change: number | null;
  isNew: boolean;
  newLabel: string;
}) {
  if (isNew) return <span className="badge badge-computed">{newLabel}</span>;
  if (change === null || change === 0) return <span className="muted">–</span>;
  return change > 0 ? (
    <span className="delta-up" title={`+${change}`}>
      ▲ {change}
    </span>
  ) : (
    <span className="delta-down" title={String(change)}>
      ▼ {Math.abs(change)}
    </span>
  );
}
