'use client';

import { useTranslations } from 'next-intl';
import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import type { SourceIdentifierKind } from '@/graphql/generated/graphql';
import type { ActionState } from '@/lib/action-state';
import { IDLE } from '@/lib/action-state';
import { isSourceKind, SOURCE_KINDS, SOURCE_PLACEHOLDERS } from '@/lib/collection';
import { saveProjectSourcesAction } from './actions';

interface Row {
  /** A stable React key (rows are added and removed anywhere). */
  key: number;
  kind: SourceIdentifierKind;
  identifier: string;
}

type Source = { kind: SourceIdentifierKind; identifier: string };

/** The stored list the action sends back after a save (`values.sources`, JSON). */
function savedSources(state: ActionState): Source[] | null {
  if (state.status !== 'ok' || !state.values?.sources) return null;
  const parsed: unknown = JSON.parse(state.values.sources);
  if (!Array.isArray(parsed)) return null;
  return parsed.filter((s): s is Source => isSourceKind(s?.kind) && typeof s?.identifier === 'string');
}

/**
 * The project page's Sources form (editors): one row per identifier — kind and identifier — with
 * "Add a source", a remove button per row and "Save sources", which replaces the project's list
 * (`setProjectSources`). An identifier the API refuses is marked beside its row. Native controls
 * only: Tab moves through the rows, Enter or Space presses the buttons; adding a row focuses its
 * kind, removing one focuses the row that took its place (or "Add a source").
 */
export function ProjectSourcesForm({ project, sources }: { project: string; sources: Source[] }) {
  const t = useTranslations('collection');
  const [state, formAction, isPending] = useActionState(saveProjectSourcesAction.bind(null, project), IDLE);
  const nextKey = useRef(sources.length);
  const [rows, setRows] = useState<Row[]>(() => sources.map((s, i) => ({ key: i, ...s })));
  const [focusRow, setFocusRow] = useState<number | 'add' | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  // After a save, show the list as stored (URLs become bare identifiers).
  useEffect(() => {
    const saved = savedSources(state);
    if (saved) setRows(saved.map((s) => ({ key: nextKey.current++, ...s })));
  }, [state]);

  useEffect(() => {
    if (focusRow === null) return;
    if (focusRow === 'add') addButton.current?.focus();
    else document.getElementById(`source-kind-${focusRow}`)?.focus();
    setFocusRow(null);
  }, [focusRow]);

  const update = (key: number, patch: Partial<Source>) =>
    setRows((current) => current.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    const key = nextKey.current++;
    setRows((current) => [...current, { key, kind: 'GITHUB', identifier: '' }]);
    setFocusRow(key);
  };
  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    setRows(next);
    setFocusRow(next[index]?.key ?? next[index - 1]?.key ?? 'add');
  };

  return (
    <form
      action={formAction}
      // Submitted here rather than through `action` alone: React resets a form after its action,
      // which would put every select back to its first option while the rows keep their kinds.
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
      className="form sources-form"
      noValidate
      data-testid="sources-form"
      aria-labelledby="sources-edit-title"
    >
      <h3 id="sources-edit-title">{t('editSources')}</h3>
      <p className="muted small" id="sources-edit-help">
        {t('editSourcesHelp')}
      </p>
      <div aria-live="polite">
        {state.status === 'ok' ? (
          <p className="notice notice-ok" role="status">
            {state.message}
          </p>
        ) : null}
        {state.status === 'error' && state.message ? (
          <p className="notice notice-error" role="alert">
            {state.message}
          </p>
        ) : null}
      </div>
      {rows.length === 0 ? <p className="muted small">{t('noSourceRows')}</p> : null}
      <ol className="source-rows">
        {rows.map((row, i) => {
          const kindError = state.fieldErrors?.[`kind-${i}`];
          const identifierError = state.fieldErrors?.[`identifier-${i}`];
          const error = identifierError ?? kindError;
          const errorId = `source-error-${row.key}`;
          return (
            <li key={row.key} className="source-row" data-testid={`source-row-${i}`}>
              <select
                id={`source-kind-${row.key}`}
                name="kind"
                aria-label={t('sourceKind', { row: i + 1 })}
                value={row.kind}
                aria-invalid={kindError ? true : undefined}
                aria-describedby={kindError ? errorId : undefined}
                onChange={(e) => {
                  const kind = e.target.value;
                  if (isSourceKind(kind)) update(row.key, { kind });
                }}
              >
                {SOURCE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`sourceKinds.${k}`)}
                  </option>
                ))}
              </select>
              <input
                type="text"
                name="identifier"
                className="mono"
                aria-label={t('sourceIdentifier', { row: i + 1 })}
                placeholder={SOURCE_PLACEHOLDERS[row.kind]}
                value={row.identifier}
                maxLength={400}
                spellCheck={false}
                autoCapitalize="off"
                autoComplete="off"
                aria-invalid={identifierError ? true : undefined}
                aria-describedby={identifierError ? errorId : undefined}
                onChange={(e) => update(row.key, { identifier: e.target.value })}
              />
              <button
                type="button"
                className="btn btn-sm"
                aria-label={t('removeSource', { row: i + 1 })}
                onClick={() => remove(i)}
              >
                {t('remove')}
              </button>
              {error ? (
                <span className="error" id={errorId} data-testid={`source-error-${i}`}>
                  {error}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className="row">
        <button type="button" className="btn" ref={addButton} onClick={add}>
          {t('addSource')}
        </button>
        <button className="btn btn-primary" type="submit" disabled={isPending}>
          {isPending ? t('savingSources') : t('saveSources')}
        </button>
      </div>
    </form>
  );
}
