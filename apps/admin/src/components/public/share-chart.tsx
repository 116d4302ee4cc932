import { BarChart } from '@/components/charts/bar-chart';
import type { Locale } from '@/i18n/locale';
import { formatPercent, regionName } from '@/i18n/translate';
import type { Share } from '@/server/api/editions';

/** Region shares as bars, largest first, with the share and number of projects. */
export function ShareChart({ shares, locale, title }: { shares: Share[]; locale: Locale; title: string }) {
  const sorted = [...shares].sort((a, b) => b.share - a.share);
  return (
    <BarChart
      title={title}
      // Wide enough for "International communities" (the region `unknown`) and most country names.
      labelWidth={200}
      max={Math.max(...sorted.map((s) => s.share), 0.01)}
      data={sorted.map((s) => ({
        key: s.region,
        label: regionName(locale, s.region),
        value: s.share,
        valueText: `${formatPercent(locale, s.share)} · ${s.projects}`,
      }))}
    />
  );
}
