import type { Translate } from '@/i18n/translate';
import { statusLabel } from '@/lib/labels';

export function StatusBadge({ status, t }: { status: string; t: Translate }) {
  return <span className={`badge badge-${status.toLowerCase()}`}>{statusLabel(t, status)}</span>;
}

/** Demo values that were not measured are labelled wherever they are shown (README.md, Quick start). */
export function IllustrativeBadge({ t }: { t: Translate }) {
  return (
    <span className="badge badge-illustrative" title={t('common.illustrativeHelp')}>
      {t('common.illustrative')}
    </span>
  );
}
