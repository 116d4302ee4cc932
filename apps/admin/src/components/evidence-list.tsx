import Link from 'next/link';
import { IllustrativeBadge, StatusBadge } from '@/components/badges';
import { BilingualName } from '@/components/names';
import type { Locale } from '@/i18n/locale';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  localName,
  shortUrl,
  type Translate,
} from '@/i18n/translate';
import type { EvidenceItem } from '@/server/api/evidence';

/**
 * Compact evidence table for a project or organization page: value, source, who entered and reviewed it and
 * when; `showProject` adds the project column (an organization's evidence spans several projects).
 */
export function EvidenceList({
  items,
  locale,
  t,
  showProject = false,
}: {
  items: EvidenceItem[];
  locale: Locale;
  t: Translate;
  showProject?: boolean;
}) {
  if (items.length === 0) return <p className="muted">{t('common.none')}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('evidence.id')}</th>
            {showProject ? <th scope="col">{t('common.project')}</th> : null}
            <th scope="col">{t('common.indicator')}</th>
            <th scope="col" className="num">
              {t('common.value')}
            </th>
            <th scope="col">{t('evidence.source')}</th>
            <th scope="col" className="hide-sm">
              {t('evidence.submittedBy')}
            </th>
            <th scope="col">{t('common.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td className="mono">
                <Link href={`/admin/evidence/${e.id}`}>{e.id}</Link>
              </td>
              {showProject ? (
                <td>
                  <BilingualName
                    item={e.project}
                    locale={locale}
                    href={`/admin/projects/${e.project.slug}`}
                  />
                </td>
              ) : null}
              <td>{localName(locale, e.indicator)}</td>
              <td className="num">
                {formatNumber(locale, e.value, 4)} {e.isIllustrative ? <IllustrativeBadge t={t} /> : null}
              </td>
              <td style={{ maxWidth: 260, overflowWrap: 'anywhere' }}>
                <a href={e.sourceUrl} rel="noopener noreferrer">
                  {shortUrl(e.sourceUrl)}
                </a>
                <span className="name-alt">{formatDate(locale, e.observedAt)}</span>
              </td>
              <td className="small hide-sm">
                {e.submittedBy?.name ?? '—'}
                <span className="name-alt">{formatDateTime(locale, e.submittedAt)}</span>
              </td>
              <td className="small">
                <StatusBadge status={e.status} t={t} />
                {e.reviewedBy ? (
                  <span className="name-alt">
                    {e.reviewedBy.name} · {formatDateTime(locale, e.reviewedAt)}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
