'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { IDLE } from '@/lib/action-state';
import { COLLECTOR_SOURCES } from '@/lib/collection';
import { startCollectionAction } from './actions';

/** Starts a run: the sources to ask (all checked at first) and, optionally, the projects. */
export function StartCollectionForm() {
  const t = useTranslations('collection');
  const tc = useTranslations('common');
  const [state, formAction, isPending] = useActionState(startCollectionAction, IDLE);
  const chosen = state.status === 'error' ? (state.values?.sources ?? '').split(',') : null;
  return (
    <form action={formAction} className="form" aria-labelledby="start-title" data-testid="start-collection">
      {state.status === 'error' ? (
        <p className="notice notice-error" role="alert">
          {state.message}
        </p>
      ) : null}
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="label">{t('sources')}</legend>
        <div className="source-checks">
          {COLLECTOR_SOURCES.map((s) => (
            <label key={s}>
              <input
                type="checkbox"
                name="sources"
                value={s}
                defaultChecked={chosen ? chosen.includes(s) : true}
                aria-describedby={state.fieldErrors?.sources ? 'start-sources-error' : undefined}
              />
              <span className="mono small">{s}</span>
            </label>
          ))}
        </div>
        {state.fieldErrors?.sources ? (
          <span className="error" id="start-sources-error">
            {state.fieldErrors.sources}
          </span>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor="start-projects">
          {t('projects')} <span className="muted small">({tc('optional')})</span>
        </label>
        <input
          id="start-projects"
          name="projects"
          type="text"
          placeholder="vllm, deepseek-v3"
          aria-describedby="start-projects-help"
          aria-invalid={state.fieldErrors?.projects ? true : undefined}
          defaultValue={state.status === 'error' ? (state.values?.projects ?? '') : ''}
        />
        <span className="help" id="start-projects-help">
          {t('projectsHelp')}
        </span>
        {state.fieldErrors?.projects ? <span className="error">{state.fieldErrors.projects}</span> : null}
      </div>
      <div>
        <button className="btn btn-primary" type="submit" disabled={isPending}>
          {isPending ? t('starting') : t('submit')}
        </button>
      </div>
    </form>
  );
}

/** The project page's "Collect now": every source, this project; opens the run. */
export function CollectNowButton({ project }: { project: string }) {
  const t = useTranslations('collection');
  const [state, formAction, isPending] = useActionState(startCollectionAction, IDLE);
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="allSources" value="1" />
      <input type="hidden" name="projects" value={project} />
      <button
        className="btn btn-primary"
        type="submit"
        disabled={isPending}
        title={t('collectNowHelp')}
        data-testid="collect-now"
      >
        {isPending ? t('starting') : t('collectNow')}
      </button>
      {state.status === 'error' ? (
        <span className="notice notice-error small" role="alert">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
