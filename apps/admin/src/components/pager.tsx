import Link from 'next/link';
import type { Translate } from '@/i18n/translate';

interface PagerProps {
  /** Current query string values other than `after`. */
  params: Record<string, string | undefined>;
  basePath: string;
  endCursor: string | null;
  hasNextPage: boolean;
  isFirstPage: boolean;
  count: number;
  totalCount: number;
  t: Translate;
}

function withParams(basePath: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const query = search.toString();
  return query ? `${basePath}?${query}` : basePath;
}

/** Cursor pagination (the API's connections): first page and next page. */
export function Pager({
  params,
  basePath,
  endCursor,
  hasNextPage,
  isFirstPage,
  count,
  totalCount,
  t,
}: PagerProps) {
  return (
    <nav className="pager" aria-label={t('common.pagination')}>
      <span>{t('common.showing', { count, total: totalCount })}</span>
      <span className="row">
        {!isFirstPage ? (
          <Link className="btn btn-sm" href={withParams(basePath, { ...params, after: undefined })}>
            {t('common.previous')}
          </Link>
        ) : null}
        {hasNextPage && endCursor ? (
          <Link
            className="btn btn-sm"
            href={withParams(basePath, { ...params, after: endCursor })}
            rel="next"
          >
            {t('common.next')} →
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
