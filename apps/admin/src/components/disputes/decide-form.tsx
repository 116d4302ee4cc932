'use client';

import { useActionState } from 'react';
import { decideDisputeAction } from '@/app/actions/disputes';
import { IDLE } from '@/lib/action-state';

/** Accept and reject forms of one open dispute on the triage page. */
export function DecideForm({
  id,
  needsSource,
  labels,
}: {
  id: string;
  needsSource: boolean;
  labels: {
    accept: string;
    reject: string;
    acceptReason: string;
    rejectReason: string;
    acceptSource: string;
  };
}) {
  const [state, formAction, isPending] = useActionState(decideDisputeAction, IDLE);
  return (
    <div className="stack" data-testid={`decide-${id}`}>
      <form action={formAction} aria-busy={isPending} className="inline-form">
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="intent" value="accept" />
        <label className="field">
          {labels.acceptReason}
          <input type="text" name="reason" />
        </label>
        {needsSource ? (
          <label className="field">
            {labels.acceptSource}
            <input name="sourceUrl" type="url" />
          </label>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={isPending}>
          {labels.accept}
        </button>
      </form>
      <form action={formAction} aria-busy={isPending} className="inline-form">
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="intent" value="reject" />
        <label className="field">
          {labels.rejectReason}
          <input type="text" name="reason" required />
        </label>
        <button type="submit" className="btn btn-danger" disabled={isPending}>
          {labels.reject}
        </button>
      </form>
      <div aria-live="polite">
        {state.status === 'ok' ? (
          <p className="notice notice-ok" role="status">
            {state.message}
          </p>
        ) : null}
        {state.status === 'error' ? (
          <p className="notice notice-error" role="alert">
            {state.message} {Object.values(state.fieldErrors ?? {}).join(' ')}
          </p>
        ) : null}
      </div>
    </div>
  );
}
