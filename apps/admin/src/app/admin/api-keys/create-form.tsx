'use client';

import { useActionState } from 'react';
import { IDLE } from '@/lib/action-state';
import { createApiKeyAction } from './actions';

interface Labels {
  name: string;
  scopes: string;
  create: string;
}

export function CreateApiKeyForm({ labels, scopes }: { labels: Labels; scopes: string[] }) {
  const [state, formAction, isPending] = useActionState(createApiKeyAction, IDLE);
  return (
    <form action={formAction} className="form">
      {state.status === 'ok' ? (
        <div className="notice notice-ok" role="status">
          <p>{state.message}</p>
          <p className="hash" data-testid="api-key-secret">
            {state.detail?.[0]}
          </p>
        </div>
      ) : null}
      {state.status === 'error' ? (
        <p className="notice notice-error" role="alert">
          {state.message}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="k-name">{labels.name}</label>
        <input
          id="k-name"
          name="name"
          type="text"
          required
          aria-invalid={state.fieldErrors?.name ? true : undefined}
          defaultValue={state.status === 'error' ? (state.values?.name ?? '') : ''}
        />
      </div>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="label">{labels.scopes}</legend>
        <div className="row">
          {scopes.map((s) => (
            <label key={s} className="row" style={{ gap: '0.3rem' }}>
              <input type="checkbox" name="scopes" value={s} defaultChecked={s === 'READ'} />
              <span className="mono small">{s.toLowerCase().replace('_', ':')}</span>
            </label>
          ))}
        </div>
        {state.fieldErrors?.scopes ? <span className="error">{state.fieldErrors.scopes}</span> : null}
      </fieldset>
      <div>
        <button className="btn btn-primary" type="submit" disabled={isPending}>
          {labels.create}
        </button>
      </div>
    </form>
  );
}
