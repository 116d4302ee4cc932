import { LineChart } from '@/components/charts/line-chart';
import type { Locale } from '@/i18n/locale';
import { formatPercent, regionName } from '@/i18n/translate';
import type { Share } from '@/server/api/editions';

interface TrendPoint {
  year: number;
  revision: number;
  regionShares: Share[];
}

/** Shares of the largest regions (by the latest edition) across editions. */
export function ShareTrend({
  points,
  locale,
  title,
}: {
  points: TrendPoint[];
  locale: Locale;
  title: string;
}) {
  const latest = points.at(-1);
  if (!latest) return null;
  const regions = [...latest.regionShares]
    .sort((a, b) => b.share - a.share)
    .slice(0, 5)
    .map((s) => s.region);
  return (
    <LineChart
      title={title}
      xLabels={points.map((p) => String(p.year))}
      yMin={0}
      formatY={(v) => formatPercent(locale, v, 0)}
      series={regions.map((region) => ({
        key: region,
        label: regionName(locale, region),
        values: points.map((p) => p.regionShares.find((s) => s.region === region)?.share ?? 0),
      }))}
    />
  );
}
