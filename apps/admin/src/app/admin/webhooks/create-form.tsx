'use client';

import { useActionState } from 'react';
import { IDLE } from '@/lib/action-state';
import { createWebhookAction } from './actions';

interface Labels {
  url: string;
  description: string;
  events: string;
  create: string;
  copyHint: string;
  deliveries: string;
}

export function CreateWebhookForm({ labels, events }: { labels: Labels; events: readonly string[] }) {
  const [state, formAction, isPending] = useActionState(createWebhookAction, IDLE);
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="form">
      {state.status === 'ok' ? (
        <div className="notice notice-ok" role="status">
          <p>{state.message}</p>
          <p className="hash" data-testid="webhook-secret">
            {state.detail?.[0]}
          </p>
          <p className="small muted">{labels.copyHint}</p>
          <p>
            <a href={`/admin/webhooks/${state.detail?.[1] ?? ''}`}>{labels.deliveries}</a>
          </p>
        </div>
      ) : null}
      {state.status === 'error' ? (
        <p className="notice notice-error" role="alert">
          {state.message}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="w-url">{labels.url}</label>
        <input
          id="w-url"
          name="url"
          type="url"
          required
          placeholder="https://example.org/hooks/ranking"
          aria-invalid={state.fieldErrors?.url ? true : undefined}
          aria-describedby={state.fieldErrors?.url ? 'w-url-error' : undefined}
          defaultValue={values?.url ?? ''}
        />
        {state.fieldErrors?.url ? (
          <span className="error" id="w-url-error">
            {state.fieldErrors.url}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="w-description">{labels.description}</label>
        <input
          id="w-description"
          name="description"
          type="text"
          maxLength={500}
          defaultValue={values?.description ?? ''}
        />
      </div>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="label">{labels.events}</legend>
        <div className="row">
          {events.map((e) => (
            <label key={e} className="row" style={{ gap: '0.3rem' }}>
              <input type="checkbox" name="events" value={e} defaultChecked={e !== 'collection.finished'} />
              <span className="mono small">{e}</span>
            </label>
          ))}
        </div>
        {state.fieldErrors?.events ? <span className="error">{state.fieldErrors.events}</span> : null}
      </fieldset>
      <div>
        <button className="btn btn-primary" type="submit" disabled={isPending}>
          {labels.create}
        </button>
      </div>
    </form>
  );
}
