'use client';

/**
 * The what-if page's interactive part. The server renders it first with the URL's weights: a plain GET
 * form (one slider per pillar and an Apply button) over the re-ranked table, which works without
 * JavaScript. Once hydrated, moving a slider (mouse or arrow keys) re-ranks after a short pause through
 * the same-origin JSON route beside the page (./ranking/route.ts; the browser needs no API key) and
 * keeps the weights in the address bar (history.replaceState), so the custom ranking can be shared.
 */
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '@/i18n/locale';
import { altName, formatNumber, formatPercent, localName } from '@/i18n/translate';
import { type Pillar, WEIGHT_PREFIX, weightsQuery } from '@/lib/what-if-weights';
import type { WhatIfPage } from '@/server/api/what-if';
import styles from './what-if.module.css';

/** Pause after the last slider move before asking for the new ranking. */
const DEBOUNCE_MS = 250;

/** What ./ranking/route.ts answers. */
export type WhatIfAnswer = { page: WhatIfPage } | { error: { message: string } };

interface Props {
  year: number;
  /** The revision named in the URL, if any (kept in the links it builds). */
  revision?: number;
  dimension: string;
  pillars: Pillar[];
  weights: { node: string; weight: number }[];
  /** The server-rendered page of the ranking; null when the URL's weights could not be used. */
  page: WhatIfPage | null;
  /** Pillar keys whose weight in the URL was refused (marked invalid until changed). */
  invalid: string[];
  /** The cursor of the page shown, when it is not the first. */
  after?: string;
}

export function WhatIfIsland(props: Props) {
  const { year, revision, dimension, pillars } = props;
  const t = useTranslations('whatIf');
  const tc = useTranslations('common');
  const locale = useLocale() as Locale;
  const [weights, setWeights] = useState(props.weights);
  const [page, setPage] = useState(props.page);
  const [invalid, setInvalid] = useState(props.invalid);
  const [after, setAfter] = useState(props.after);
  const [state, setState] = useState<{ kind: 'idle' | 'loading' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      inFlight.current?.abort();
    },
    [],
  );

  const base = { dimension, revision: revision ? String(revision) : undefined };
  const path = `/editions/${year}/what-if`;
  const total = weights.reduce((sum, w) => sum + w.weight, 0);

  async function rerank(next: { node: string; weight: number }[]) {
    const query = weightsQuery(base, next, pillars);
    window.history.replaceState(null, '', `${path}?${query}`);
    inFlight.current?.abort();
    if (next.every((w) => w.weight === 0)) {
      setState({ kind: 'error', message: t('allZero') });
      return;
    }
    const controller = new AbortController();
    inFlight.current = controller;
    setState({ kind: 'loading' });
    try {
      const response = await fetch(`${path}/ranking?${query}`, {
        signal: controller.signal,
        headers: { accept: 'application/json' },
      });
      const answer = (await response.json()) as WhatIfAnswer;
      if (controller.signal.aborted) return;
      if ('error' in answer) setState({ kind: 'error', message: answer.error.message });
      else {
        setPage(answer.page);
        setAfter(undefined);
        setState({ kind: 'idle' });
      }
    } catch {
      // No answer, or not the route's JSON (a proxy's error page): the reader can retry or submit the form.
      if (controller.signal.aborted) return;
      setState({ kind: 'error', message: t('networkError') });
    }
  }

  function change(node: string, value: number) {
    if (!Number.isFinite(value)) return;
    const next = weights.map((w) => (w.node === node ? { node, weight: value } : w));
    setWeights(next);
    setInvalid((keys) => keys.filter((k) => k !== node));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void rerank(next), DEBOUNCE_MS);
  }

  const entries = page?.edges.map((e) => e.node) ?? [];
  const changed = entries.filter((e) => e.rankChange !== 0).length;
  const isOfficial = pillars.every((p, i) => weights[i]?.weight === p.weight);

  return (
    <div className={styles.layout}>
      <form method="get" action={path} className="card" aria-labelledby="weights-title">
        <input type="hidden" name="dimension" value={dimension} />
        {revision ? <input type="hidden" name="revision" value={revision} /> : null}
        <fieldset className={styles.weights}>
          <legend>
            <h2 id="weights-title">{t('weights')}</h2>
          </legend>
          <p className="small muted" id="weights-help">
            {t('weightsHelp')}
          </p>
          {pillars.map((pillar, i) => {
            const weight = weights[i]?.weight ?? pillar.weight;
            const id = `w-${pillar.key}`;
            return (
              <div className={styles.pillar} key={pillar.key}>
                <label htmlFor={id}>{localName(locale, pillar)}</label>
                <input
                  id={id}
                  className={styles.slider}
                  type="range"
                  name={`${WEIGHT_PREFIX}${pillar.key}`}
                  min={0}
                  max={Math.max(100, Math.ceil(weight))}
                  step={Number.isInteger(weight) ? 1 : 'any'}
                  value={weight}
                  aria-describedby={`${id}-reading weights-help`}
                  aria-invalid={invalid.includes(pillar.key) ? true : undefined}
                  onChange={(event) => change(pillar.key, Number(event.currentTarget.value))}
                />
                <div className={styles.reading} id={`${id}-reading`}>
                  <output htmlFor={id} data-testid={`weight-${pillar.key}`}>
                    {formatNumber(locale, weight, 2)}
                  </output>
                  <span>
                    {total > 0 ? t('share', { share: formatPercent(locale, weight / total) }) : null}
                  </span>
                  <span>{t('official', { weight: formatNumber(locale, pillar.weight, 2) })}</span>
                </div>
              </div>
            );
          })}
        </fieldset>
        <div className="row">
          <button className="btn btn-primary" type="submit">
            {t('apply')}
          </button>
          <a className="btn" href={`${path}?${weightsQuery(base, [], pillars)}`} data-testid="what-if-reset">
            {t('reset')}
          </a>
        </div>
      </form>
      <section aria-labelledby="what-if-ranking-title">
        <h2 id="what-if-ranking-title" className="sr-only">
          {t('customRank')}
        </h2>
        <p className={`${styles.status} small`} role="status" data-testid="what-if-status">
          {state.kind === 'loading'
            ? t('updating')
            : state.kind === 'error'
              ? t('updateFailed', { message: state.message })
              : page
                ? isOfficial
                  ? t('isOfficial')
                  : t('changed', { count: changed })
                : null}
        </p>
        {page ? (
          <>
            <div className={`table-wrap${state.kind === 'loading' ? ` ${styles.busy}` : ''}`}>
              <table data-testid="what-if-ranking" aria-busy={state.kind === 'loading'}>
                <thead>
                  <tr>
                    <th scope="col">{t('customRank')}</th>
                    <th scope="col">{tc('project')}</th>
                    <th scope="col" className="num">
                      {t('customScore')}
                    </th>
                    <th scope="col" className="num">
                      {t('officialRank')}
                    </th>
                    <th scope="col" className="num">
                      {t('difference')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => {
                    const other = altName(locale, entry.project);
                    return (
                      <tr
                        key={entry.project.slug}
                        data-testid="what-if-row"
                        data-slug={entry.project.slug}
                        data-rank={entry.rank}
                        data-official-rank={entry.officialRank}
                        data-difference={entry.rankChange}
                      >
                        <td className="rank">{entry.rank}</td>
                        <td>
                          <a href={`/projects/${entry.project.slug}`}>{localName(locale, entry.project)}</a>
                          {other ? <span className="muted small"> {other}</span> : null}
                        </td>
                        <td className="num">{formatNumber(locale, entry.score, 1)}</td>
                        <td className="num">{entry.officialRank}</td>
                        <td className="num">
                          <Difference change={entry.rankChange} t={t} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <nav className="pager" aria-label={tc('pagination')}>
              <span>
                {page.totalCount > entries.length
                  ? t('showingFirst', { count: entries.length, total: page.totalCount })
                  : tc('showing', { count: entries.length, total: page.totalCount })}
              </span>
              <span className="row">
                {after ? (
                  <a className="btn btn-sm" href={`${path}?${weightsQuery(base, weights, pillars)}`}>
                    {tc('previous')}
                  </a>
                ) : null}
                {page.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
                  <a
                    className="btn btn-sm"
                    rel="next"
                    href={`${path}?${weightsQuery({ ...base, after: page.pageInfo.endCursor }, weights, pillars)}`}
                  >
                    {tc('next')} →
                  </a>
                ) : null}
              </span>
            </nav>
          </>
        ) : null}
      </section>
    </div>
  );
}

function Difference({ change, t }: { change: number; t: ReturnType<typeof useTranslations<'whatIf'>> }) {
  if (change === 0)
    return (
      <span className="muted" title={t('same')}>
        <span aria-hidden="true">0</span>
        <span className="sr-only">{t('same')}</span>
      </span>
    );
  const up = change > 0;
  const label = up ? t('up', { count: change }) : t('down', { count: -change });
  return (
    <span className={up ? 'delta-up' : 'delta-down'} title={label}>
      <span aria-hidden="true">
        {up ? '▲' : '▼'} {Math.abs(change)}
      </span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
