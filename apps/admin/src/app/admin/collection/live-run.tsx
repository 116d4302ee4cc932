'use client';

/**
 * The live parts of the collection pages. The server renders them with the run as it was; once
 * hydrated, a run still going (queued or running) is asked for again every POLL_MS through the
 * same-origin JSON route beside the run page (./[id]/progress/route.ts), skipping while the tab is
 * hidden, and the polling stops when the run ends. When a source finishes or the run ends, the page's
 * server part is refreshed too (findings, the evidence added).
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useActionState, useCallback, useEffect, useRef, useState } from 'react';
import type { Locale } from '@/i18n/locale';
import { formatDateTime, formatNumber } from '@/i18n/translate';
import { IDLE } from '@/lib/action-state';
import { isActive, POLL_MS } from '@/lib/collection';
import type { RunSummary } from '@/server/api/collection';
import type { ProgressAnswer } from './[id]/progress/route';
import { cancelCollectionAction } from './actions';

function useLiveRun(initial: RunSummary): { run: RunSummary; problem: string | null; poll: () => void } {
  const router = useRouter();
  const [run, setRun] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const seen = useRef({ done: initial.progress.done, status: initial.status });
  const active = isActive(run.status);

  // A new server render (router.refresh, navigation) brings a newer run.
  useEffect(() => setRun(initial), [initial]);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const poll = async () => {
      if (document.hidden) {
        timer = setTimeout(poll, POLL_MS);
        return;
      }
      try {
        const response = await fetch(`/admin/collection/${initial.id}/progress`, {
          signal: controller.signal,
          headers: { accept: 'application/json' },
          cache: 'no-store',
        });
        const answer = (await response.json()) as ProgressAnswer;
        if (stopped) return;
        if ('error' in answer) {
          setProblem(answer.error.message);
          // Signed out or gone: asking again would not help.
          if (response.status === 401 || response.status === 403 || response.status === 404) return;
        } else {
          setProblem(null);
          setRun(answer.run);
          const before = seen.current;
          seen.current = { done: answer.run.progress.done, status: answer.run.status };
          if (answer.run.progress.done !== before.done || answer.run.status !== before.status)
            router.refresh();
          if (!isActive(answer.run.status)) return;
        }
      } catch (error) {
        if (stopped || (error instanceof DOMException && error.name === 'AbortError')) return;
        setProblem(error instanceof Error ? error.message : String(error));
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, tick > 0 ? 0 : POLL_MS);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller.abort();
    };
  }, [active, initial.id, router, tick]);

  const poll = useCallback(() => setTick((n) => n + 1), []);
  return { run, problem, poll };
}

export function RunStatusBadge({ status }: { status: RunSummary['status'] }) {
  const t = useTranslations('collection');
  const key = status.toLowerCase() as 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  return <span className={`badge badge-run-${key}`}>{t(`status.${key}`)}</span>;
}

function ProgressBar({ run }: { run: RunSummary }) {
  const t = useTranslations('collection');
  const { done, total } = run.progress;
  return (
    <span className="run-progress">
      <progress max={Math.max(total, 1)} value={done} aria-label={t('progress')} />
      <span className="small">{t('progressValue', { done, total })}</span>
    </span>
  );
}

function CancelButton({ id, onCancelled }: { id: string; onCancelled: () => void }) {
  const t = useTranslations('collection');
  const [state, formAction, isPending] = useActionState(cancelCollectionAction, IDLE);
  // Once per answer of the action (a new state object), not per render.
  useEffect(() => {
    if (state.status === 'ok') onCancelled();
  }, [state, onCancelled]);
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="id" value={id} />
      <button
        className="btn btn-sm btn-danger"
        type="submit"
        disabled={isPending}
        data-testid={`cancel-run-${id}`}
      >
        {isPending ? t('cancelling') : t('cancel')}
      </button>
      {state.status === 'error' ? (
        <span className="notice notice-error small" role="alert">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

/** The run page's head: status, progress, times, errors and the per-source counts, live. */
export function RunLive({ initial, canCancel }: { initial: RunSummary; canCancel: boolean }) {
  const t = useTranslations('collection');
  const locale = useLocale() as Locale;
  const { run, problem, poll } = useLiveRun(initial);
  const active = isActive(run.status);
  return (
    <section className="card stack" aria-labelledby="run-state-title">
      <div className="card-head">
        <h2 id="run-state-title">
          <span className="sr-only">{t('progress')}: </span>
          <span data-testid="run-status" aria-live="polite">
            <RunStatusBadge status={run.status} />
          </span>
        </h2>
        {canCancel && active ? <CancelButton id={run.id} onCancelled={poll} /> : null}
      </div>
      <ProgressBar run={run} />
      {active ? (
        <p className="small muted" data-testid="run-live">
          {problem ? t('liveStopped', { message: problem }) : t('live')}
        </p>
      ) : null}
      <dl className="meta">
        <dt>{t('sources')}</dt>
        <dd className="mono">{run.sources.join(', ')}</dd>
        <dt>{t('projects')}</dt>
        <dd className="mono">{run.projects.length > 0 ? run.projects.join(', ') : t('allProjects')}</dd>
        <dt>{t('requestedBy')}</dt>
        <dd>{run.requestedBy}</dd>
        <dt>{t('created')}</dt>
        <dd>{formatDateTime(locale, run.createdAt)}</dd>
        <dt>{t('started')}</dt>
        <dd>{formatDateTime(locale, run.startedAt)}</dd>
        <dt>{t('finished')}</dt>
        <dd data-testid="run-finished">{formatDateTime(locale, run.finishedAt)}</dd>
        {run.error ? (
          <>
            <dt>{t('errors')}</dt>
            <dd className="notice notice-error small" style={{ whiteSpace: 'pre-wrap' }}>
              {run.error}
            </dd>
          </>
        ) : null}
      </dl>
      <div className="table-wrap">
        <table data-testid="run-counts">
          <caption className="sr-only">{t('counts')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('source')}</th>
              <th scope="col" className="num">
                {t('added')}
              </th>
              <th scope="col" className="num">
                {t('unchanged')}
              </th>
              <th scope="col" className="num">
                {t('failed')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...run.counts]
              .sort((a, b) => run.sources.indexOf(a.source) - run.sources.indexOf(b.source))
              .map((c) => (
                <tr key={c.source} data-testid={`count-${c.source}`}>
                  <th scope="row" className="mono">
                    {c.source}
                  </th>
                  <td className="num">{formatNumber(locale, c.added, 0)}</td>
                  <td className="num">{formatNumber(locale, c.unchanged, 0)}</td>
                  <td className="num">{formatNumber(locale, c.failed, 0)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** One row of the run list, live while the run is going. */
export function RunRow({ initial, canCancel }: { initial: RunSummary; canCancel: boolean }) {
  const t = useTranslations('collection');
  const locale = useLocale() as Locale;
  const { run, poll } = useLiveRun(initial);
  const totals = run.counts.reduce(
    (sum, c) => ({
      added: sum.added + c.added,
      unchanged: sum.unchanged + c.unchanged,
      failed: sum.failed + c.failed,
    }),
    { added: 0, unchanged: 0, failed: 0 },
  );
  return (
    <tr data-testid={`run-row-${run.id}`}>
      <td>
        <Link href={`/admin/collection/${run.id}`}>{t('runLink', { id: run.id })}</Link>
      </td>
      <td data-testid={`run-row-status-${run.id}`} aria-live="polite">
        <RunStatusBadge status={run.status} />
      </td>
      <td className="mono small">
        {run.sources.join(', ')}
        <span className="name-alt">
          {run.projects.length > 0 ? run.projects.join(', ') : t('allProjects')}
        </span>
      </td>
      <td className="small">
        {formatDateTime(locale, run.startedAt ?? run.createdAt)}
        <span className="name-alt">{formatDateTime(locale, run.finishedAt)}</span>
      </td>
      <td>
        <ProgressBar run={run} />
      </td>
      <td className="small">
        {t('countsSummary', totals)}
        <span className="name-alt">
          {run.counts
            .filter((c) => c.added + c.unchanged + c.failed > 0)
            .map((c) => `${c.source} ${c.added}/${c.unchanged}/${c.failed}`)
            .join(' · ')}
        </span>
      </td>
      <td className="num">{formatNumber(locale, run.findingCount, 0)}</td>
      <td>{canCancel && isActive(run.status) ? <CancelButton id={run.id} onCancelled={poll} /> : null}</td>
    </tr>
  );
}
