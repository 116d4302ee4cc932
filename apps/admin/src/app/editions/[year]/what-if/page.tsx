import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { getI18n } from '@/i18n/server';
import { dimensionLabel, param, type SearchParams } from '@/lib/labels';
import { getWhatIf, type WhatIfPage } from '@/server/api/what-if';
import { ApiError } from '@/server/graphql';
import { PAGE_SIZE } from './page-size';
import { problemMessage, resolveWhatIf } from './resolve';
import styles from './what-if.module.css';
import { WhatIfIsland } from './what-if-island';

export const metadata: Metadata = { title: 'Your own weights' };

/**
 * A published edition's dimension re-ranked with the reader's pillar weights (`Edition.whatIf`), beside
 * the official ranks: `/editions/YEAR/what-if?dimension=D&w.PILLAR=WEIGHT…[&revision=N]`. Rendered on
 * the server from the URL's weights; the client island (./what-if-island.tsx) re-ranks as sliders move.
 */
export default async function WhatIfPageView({
  params,
  searchParams,
}: {
  params: Promise<{ year: string }>;
  searchParams: SearchParams;
}) {
  const { year: yearText } = await params;
  const query = await searchParams;
  const resolved = await resolveWhatIf(yearText, Object.entries(query));
  if (!resolved) notFound();
  const { setup, revision, dimension, parsed } = resolved;
  const { t } = await getI18n();
  const after = param(query.after);

  let page: WhatIfPage | null = null;
  let rejected: string | null = null;
  if (parsed.problems.length === 0) {
    try {
      page = await getWhatIf({
        year: setup.year,
        revision: setup.revision,
        dimension: dimension.key,
        weights: parsed.weights,
        first: PAGE_SIZE,
        after,
      });
    } catch (error) {
      // The API's own check of the weights (or of a tampered cursor): a message, not an error page.
      if (!(error instanceof ApiError && error.code === 'BAD_USER_INPUT')) throw error;
      rejected = error.message;
    }
  }
  const invalid = parsed.problems.flatMap((p) => ('node' in p ? [p.node] : []));
  const revisionParam = revision ? `&revision=${revision}` : '';
  const label = dimensionLabel(t, dimension.key, dimension.name);
  const { common, whatIf } = await getMessages();

  return (
    <main id="content" className="public-main">
      <div className="page-head">
        <div>
          <div className="eyebrow">
            <Link href={`/editions/${setup.year}?dimension=${dimension.key}${revisionParam}`}>
              {setup.title}
            </Link>{' '}
            · {t('public.revision', { revision: setup.revision })}
          </div>
          <h1>{t('whatIf.title', { dimension: label })}</h1>
        </div>
      </div>
      <div className={`notice notice-warn ${styles.banner}`} role="note" data-testid="what-if-banner">
        <strong>{t('whatIf.banner')}</strong> {t('whatIf.bannerDetail', { year: setup.year })}{' '}
        <Link href={`/editions/${setup.year}?dimension=${dimension.key}${revisionParam}`}>
          {t('whatIf.officialRanking')}
        </Link>
      </div>
      <nav className="tabs" aria-label={t('common.dimension')}>
        {setup.dimensions.map((d) => (
          <Link
            key={d.key}
            href={`/editions/${setup.year}/what-if?dimension=${d.key}${revisionParam}`}
            aria-current={d.key === dimension.key ? 'page' : undefined}
          >
            {dimensionLabel(t, d.key, d.name)}
          </Link>
        ))}
      </nav>
      {parsed.problems.length > 0 ? (
        <div className={`notice notice-error ${styles.problems}`} role="alert" data-testid="what-if-problems">
          <strong>{t('whatIf.invalid', { count: parsed.problems.length })}</strong>
          <ul>
            {parsed.problems.map((p) => (
              <li key={'node' in p ? p.node : p.kind}>{problemMessage(t, p, dimension)}</li>
            ))}
          </ul>
          {t('whatIf.invalidFix')}
        </div>
      ) : null}
      {rejected ? (
        <div className={`notice notice-error ${styles.problems}`} role="alert" data-testid="what-if-problems">
          {t('whatIf.rejected', { message: rejected })} {t('whatIf.invalidFix')}
        </div>
      ) : null}
      {/* The island translates with the what-if messages (plurals) and the common ones. */}
      <NextIntlClientProvider messages={{ common, whatIf }}>
        <WhatIfIsland
          // A new URL (a tab, the reset link, Apply) starts the island afresh from the server's answer.
          key={JSON.stringify([dimension.key, parsed.weights, after ?? null])}
          year={setup.year}
          revision={revision}
          dimension={dimension.key}
          pillars={dimension.pillars}
          weights={parsed.weights}
          page={page}
          invalid={invalid}
          after={after}
        />
      </NextIntlClientProvider>
    </main>
  );
}
