'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { submitDisputeAction } from '@/app/actions/disputes';
import { IDLE } from '@/lib/action-state';

export interface ContestLabels {
  contest: string;
  contestLead: string;
  indicator: string;
  claim: string;
  proposedValue: string;
  sourceUrl: string;
  contact: string;
  submit: string;
  view: string;
}

/** "Contest this value": one project's values of one edition; the API checks and limits everything. */
export function ContestForm({
  edition,
  project,
  indicators,
  labels,
  contestToken,
}: {
  edition: string;
  project: string;
  /** A project contact's contest token: the form contests a CONTACTS window's draft through it. */
  contestToken?: string;
  indicators: { key: string; label: string }[];
  labels: ContestLabels;
}) {
  const [state, formAction, isPending] = useActionState(submitDisputeAction, IDLE);
  const error = (field: string) =>
    state.fieldErrors?.[field] ? (
      <span className="error" role="alert" data-testid={`dispute-error-${field}`}>
        {state.fieldErrors[field]}
      </span>
    ) : null;
  return (
    <form action={formAction} aria-busy={isPending} className="form" data-testid="contest-form">
      <h2>{labels.contest}</h2>
      <p className="small muted">{labels.contestLead}</p>
      <input type="hidden" name="edition" value={edition} />
      <input type="hidden" name="project" value={project} />
      {contestToken ? <input type="hidden" name="contestToken" value={contestToken} /> : null}
      <label className="field">
        {labels.indicator}
        <select name="indicator" defaultValue={state.values?.indicator}>
          {indicators.map((i) => (
            <option key={i.key} value={i.key}>
              {i.label}
            </option>
          ))}
        </select>
        {error('indicator')}
      </label>
      <label className="field">
        {labels.claim}
        <textarea name="claim" required maxLength={4000} rows={4} defaultValue={state.values?.claim} />
        {error('claim')}
      </label>
      <label className="field">
        {labels.proposedValue}
        <input
          type="text"
          name="proposedValue"
          inputMode="decimal"
          defaultValue={state.values?.proposedValue}
        />
        {error('proposedValue')}
      </label>
      <label className="field">
        {labels.sourceUrl}
        <input name="sourceUrl" type="url" defaultValue={state.values?.sourceUrl} />
        {error('sourceUrl')}
      </label>
      <label className="field">
        {labels.contact}
        <input
          name="contact"
          type="email"
          required
          autoComplete="email"
          defaultValue={state.values?.contact}
        />
        {error('contact')}
      </label>
      <div aria-live="polite">
        {state.status === 'ok' ? (
          <p className="notice notice-ok" role="status" data-testid="dispute-submitted">
            {state.message} <Link href={`/disputes/${state.detail?.[0] ?? ''}`}>{labels.view}</Link>
          </p>
        ) : null}
        {state.status === 'error' ? (
          <p className="notice notice-error" role="alert">
            {state.message}
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn btn-primary" disabled={isPending}>
        {labels.submit}
      </button>
    </form>
  );
}
