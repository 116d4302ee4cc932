import type { Metadata } from 'next';
import Link from 'next/link';
import { BilingualName } from '@/components/names';
import { getI18n } from '@/i18n/server';
import type { Translate } from '@/i18n/translate';
import { formatDateTime, formatNumber, localName, shortUrl } from '@/i18n/translate';
import { param, parsePositiveInt, type SearchParams } from '@/lib/labels';
import { type LinkStatus, listBrokenLinks } from '@/server/api/links';
import { requireUser } from '@/server/auth';

export const metadata: Metadata = { title: 'Links' };

const PAGE_SIZE = 25;

/** The statuses a reviewer repairs: gone for good, or not answering (often temporary). */
const QUEUE_STATUSES = ['BROKEN', 'UNREACHABLE'] as const satisfies readonly LinkStatus[];

function linkStatusLabel(t: Translate, status: LinkStatus): string {
  switch (status) {
    case 'OK':
      return t('links.status.ok');
    case 'REDIRECTED':
      return t('links.status.redirected');
    case 'BROKEN':
      return t('links.status.broken');
    case 'UNREACHABLE':
      return t('links.status.unreachable');
    case 'UNCHECKED':
      return t('links.status.unchecked');
  }
}

/**
 * The broken-links queue (`Query.brokenLinks`): evidence whose source link's latest check found it gone
 * (or not answering), the links the latest published edition rests on most first, with the archived copy.
 */
export default async function BrokenLinksPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser('/admin/links', 'read:drafts');
  const { locale, t } = await getI18n();
  const query = await searchParams;
  const statusParam = param(query.status) ?? 'BROKEN';
  const statuses: LinkStatus[] =
    statusParam === 'ALL'
      ? [...QUEUE_STATUSES]
      : (QUEUE_STATUSES as readonly string[]).includes(statusParam)
        ? [statusParam as LinkStatus]
        : ['BROKEN'];
  const statusValue = statusParam === 'ALL' ? 'ALL' : (statuses[0] ?? 'BROKEN');
  const offset = parsePositiveInt(param(query.offset)) ?? 0;
  const page = await listBrokenLinks(user, statuses, PAGE_SIZE, offset);
  const href = (nextOffset: number) => {
    const search = new URLSearchParams({ status: statusValue });
    if (nextOffset > 0) search.set('offset', String(nextOffset));
    return `/admin/links?${search.toString()}`;
  };
  const hasNext = offset + page.nodes.length < page.totalCount;
  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t('links.title')}</h1>
          <p className="muted small">
            {page.edition
              ? t('links.dependenceOn', { year: page.edition.year, revision: page.edition.revision })
              : t('links.noPublishedEdition')}
          </p>
        </div>
      </div>
      <form method="get" className="filters card" aria-label={t('links.filters')}>
        <div className="field">
          <label htmlFor="l-status">{t('common.status')}</label>
          <select id="l-status" name="status" defaultValue={statusValue}>
            {QUEUE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {linkStatusLabel(t, s)}
              </option>
            ))}
            <option value="ALL">
              {linkStatusLabel(t, 'BROKEN')} + {linkStatusLabel(t, 'UNREACHABLE')}
            </option>
          </select>
        </div>
        <div className="row">
          <button className="btn btn-primary" type="submit">
            {t('common.filter')}
          </button>
        </div>
      </form>
      <div className="table-wrap">
        <table data-testid="links-table">
          <thead>
            <tr>
              <th scope="col">{t('common.project')}</th>
              <th scope="col">{t('common.indicator')}</th>
              <th scope="col" className="num">
                {t('links.dependence')}
              </th>
              <th scope="col">{t('links.sourceUrl')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col" className="num">
                {t('links.httpStatus')}
              </th>
              <th scope="col">{t('links.error')}</th>
              <th scope="col">{t('links.checkedAt')}</th>
              <th scope="col">{t('links.archivedCopy')}</th>
            </tr>
          </thead>
          <tbody>
            {page.nodes.length === 0 ? (
              <tr>
                <td colSpan={9} className="muted">
                  {t('common.none')}
                </td>
              </tr>
            ) : null}
            {page.nodes.map(({ evidence, link, error, dependence }) => (
              <tr key={evidence.id} data-testid={`link-row-${evidence.id}`}>
                <td>
                  <BilingualName
                    item={evidence.project}
                    locale={locale}
                    href={`/admin/projects/${evidence.project.slug}`}
                  />
                </td>
                <td>
                  {localName(locale, evidence.indicator)}
                  <span className="name-alt mono">{evidence.indicator.key}</span>
                </td>
                <td className="num">{formatNumber(locale, dependence, 3)}</td>
                <td style={{ maxWidth: 200, overflowWrap: 'anywhere' }}>
                  <a href={evidence.sourceUrl} rel="noopener noreferrer">
                    {shortUrl(evidence.sourceUrl)}
                  </a>
                  {link.finalUrl && link.finalUrl !== evidence.sourceUrl ? (
                    <span className="name-alt">→ {shortUrl(link.finalUrl)}</span>
                  ) : null}
                  <span className="name-alt">
                    <Link href={`/admin/evidence/${evidence.id}`}>
                      {t('evidence.id')} {evidence.id}
                    </Link>
                  </span>
                </td>
                <td>
                  <span className={`badge badge-${link.status.toLowerCase()}`}>
                    {linkStatusLabel(t, link.status)}
                  </span>
                </td>
                <td className="num mono">{link.httpStatus ?? '—'}</td>
                <td className="small">{error ?? '—'}</td>
                <td className="small">{formatDateTime(locale, link.checkedAt)}</td>
                <td className="small" style={{ maxWidth: 160, overflowWrap: 'anywhere' }}>
                  {link.archivedUrl ? (
                    <>
                      <a href={link.archivedUrl} rel="noopener noreferrer">
                        {t('links.archivedLink')}
                      </a>
                      <span className="name-alt">{formatDateTime(locale, link.archivedAt)}</span>
                    </>
                  ) : (
                    <span className="muted">{t('links.noArchive')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label={t('common.pagination')}>
        <span>{t('common.showing', { count: page.nodes.length, total: page.totalCount })}</span>
        <span className="row">
          {offset > 0 ? (
            <Link className="btn btn-sm" href={href(Math.max(0, offset - PAGE_SIZE))}>
              {t('common.previous')}
            </Link>
          ) : null}
          {hasNext ? (
            <Link className="btn btn-sm" href={href(offset + PAGE_SIZE)} rel="next">
              {t('common.next')} →
            </Link>
          ) : null}
        </span>
      </nav>
    </div>
  );
}
