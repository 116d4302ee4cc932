'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef } from 'react';
import { IDLE } from '@/lib/action-state';
import {
  computeEditionAction,
  createEditionAction,
  publishEditionAction,
  setEditionDoiAction,
} from './actions';

export function ComputeButton({
  id,
  label,
  pendingLabel,
}: {
  id: string;
  label: string;
  pendingLabel: string;
}) {
  const [state, formAction, isPending] = useActionState(computeEditionAction, IDLE);
  return (
    <form action={formAction} className="stack" style={{ gap: '0.5rem' }}>
      <input type="hidden" name="id" value={id} />
      <button className="btn btn-primary" type="submit" disabled={isPending} data-testid="compute">
        {isPending ? pendingLabel : label}
      </button>
      <div aria-live="polite">
        {state.status === 'ok' ? (
          <p className="notice notice-ok small" role="status">
            {state.message}
          </p>
        ) : null}
        {state.status === 'error' ? (
          <p className="notice notice-error small" role="alert">
            {state.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}

interface PublishLabels {
  publish: string;
  title: string;
  help: string;
  confirm: string;
  cancel: string;
}

/** Publishing is irreversible: a modal dialog shows the exact content hash and asks to confirm it. */
export function PublishDialog({
  id,
  contentHash,
  labels,
}: {
  id: string;
  contentHash: string;
  labels: PublishLabels;
}) {
  const [state, formAction, isPending] = useActionState(publishEditionAction, IDLE);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (state.status === 'ok') dialog.current?.close();
  }, [state.status]);
  return (
    <>
      <button
        className="btn btn-ok"
        type="button"
        onClick={() => dialog.current?.showModal()}
        data-testid="publish-open"
      >
        {labels.publish}…
      </button>
      {state.status === 'ok' ? (
        <p className="notice notice-ok small" role="status">
          {state.message}
        </p>
      ) : null}
      <dialog ref={dialog} aria-labelledby="publish-title" className="modal">
        <form action={formAction} className="stack">
          <h2 id="publish-title">{labels.title}</h2>
          <p>{labels.help}</p>
          <p className="hash" data-testid="publish-hash">
            {contentHash}
          </p>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="contentHash" value={contentHash} />
          <label className="row">
            <input type="checkbox" name="confirm" value="yes" required />
            <span>{labels.confirm}</span>
          </label>
          {state.status === 'error' ? (
            <p className="notice notice-error small" role="alert">
              {state.message}
            </p>
          ) : null}
          <div className="row" style={{ justifyContent: 'flex-end' }}>
            <button className="btn" type="button" onClick={() => dialog.current?.close()}>
              {labels.cancel}
            </button>
            <button
              className="btn btn-primary"
              type="submit"
              disabled={isPending}
              data-testid="publish-confirm"
            >
              {labels.publish}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

interface CreateLabels {
  year: string;
  title: string;
  cutoff: string;
  methodology: string;
  create: string;
}

export function CreateEditionForm({
  labels,
  methodologies,
  defaultYear,
}: {
  labels: CreateLabels;
  methodologies: { version: string; label: string }[];
  defaultYear: number;
}) {
  const router = useRouter();
  const [state, formAction, isPending] = useActionState(createEditionAction, IDLE);
  useEffect(() => {
    const target = state.status === 'ok' ? state.detail?.[0] : undefined;
    if (target) router.push(target);
  }, [state, router]);
  const v = state.values ?? {};
  const err = (name: string) => state.fieldErrors?.[name];
  return (
    <form action={formAction} className="form" style={{ maxWidth: 'none' }}>
      {state.status === 'error' && state.message ? (
        <p className="notice notice-error" role="alert">
          {state.message}
        </p>
      ) : null}
      <div className="filters" style={{ margin: 0 }}>
        <div className="field">
          <label htmlFor="ed-year">{labels.year}</label>
          <input
            id="ed-year"
            name="year"
            type="number"
            min={2000}
            max={2100}
            defaultValue={v.year ?? String(defaultYear)}
            aria-invalid={err('year') ? true : undefined}
          />
          {err('year') ? <span className="error">{err('year')}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="ed-title">{labels.title}</label>
          <input
            id="ed-title"
            name="title"
            type="text"
            defaultValue={v.title ?? `Open-source LLM ecosystem ranking ${defaultYear}`}
            aria-invalid={err('title') ? true : undefined}
          />
          {err('title') ? <span className="error">{err('title')}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="ed-cutoff">{labels.cutoff}</label>
          <input
            id="ed-cutoff"
            name="cutoff"
            type="date"
            defaultValue={v.cutoff ?? new Date().toISOString().slice(0, 10)}
            aria-invalid={err('cutoff') ? true : undefined}
          />
          {err('cutoff') ? <span className="error">{err('cutoff')}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="ed-methodology">{labels.methodology}</label>
          <select id="ed-methodology" name="methodologyVersion" defaultValue={v.methodologyVersion ?? ''}>
            {methodologies.map((m) => (
              <option key={m.version} value={m.version}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <button className="btn btn-primary" type="submit" disabled={isPending} data-testid="create-edition">
          {labels.create}
        </button>
      </div>
    </form>
  );
}

interface DoiLabels {
  doi: string;
  help: string;
  save: string;
}

/** The revision's DOI (any status: a DOI is usually registered after publication); empty clears it. */
export function DoiForm({ id, doi, labels }: { id: string; doi: string | null; labels: DoiLabels }) {
  const [state, formAction, isPending] = useActionState(setEditionDoiAction, IDLE);
  const value = state.values?.doi ?? doi ?? '';
  const error = state.fieldErrors?.doi;
  return (
    <form action={formAction} className="form" style={{ maxWidth: 'none' }} data-testid="doi-form">
      <input type="hidden" name="id" value={id} />
      <div className="filters" style={{ margin: 0 }}>
        <div className="field">
          <label htmlFor="ed-doi">{labels.doi}</label>
          <input
            id="ed-doi"
            name="doi"
            type="text"
            key={value}
            defaultValue={value}
            placeholder="10.5281/zenodo.1234567"
            aria-invalid={error ? true : undefined}
            aria-describedby="ed-doi-help"
            size={40}
          />
          {error ? <span className="error">{error}</span> : null}
        </div>
        <button className="btn" type="submit" disabled={isPending} data-testid="doi-save">
          {labels.save}
        </button>
      </div>
      <p id="ed-doi-help" className="small muted">
        {labels.help}
      </p>
      <div aria-live="polite">
        {state.status === 'ok' ? (
          <p className="notice notice-ok small" role="status">
            {state.message}
          </p>
        ) : null}
        {state.status === 'error' && !error ? (
          <p className="notice notice-error small" role="alert">
            {state.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
