'use client';

import { useActionState } from 'react';
import { IDLE } from '@/lib/action-state';
import { registerDocumentAction } from './actions';

interface Labels {
  document: string;
  file: string;
  name: string;
  register: string;
}

/** Registers a trusted document for one key: pasted text, or a .graphql file. */
export function RegisterDocumentForm({ apiKeyId, labels }: { apiKeyId: string; labels: Labels }) {
  const [state, formAction, isPending] = useActionState(registerDocumentAction, IDLE);
  const id = (name: string) => `doc-${apiKeyId}-${name}`;
  return (
    <form action={formAction} className="form" data-testid={`register-document-${apiKeyId}`}>
      <input type="hidden" name="apiKeyId" value={apiKeyId} />
      {state.status === 'ok' ? (
        <p className="notice notice-ok" role="status">
          {state.message} <span className="mono small">{state.detail?.[0]}</span>
        </p>
      ) : null}
      {state.status === 'error' ? (
        <p className="notice notice-error" role="alert">
          {state.message}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={id('document')}>{labels.document}</label>
        <textarea
          id={id('document')}
          name="document"
          rows={5}
          className="mono small"
          aria-invalid={state.fieldErrors?.document ? true : undefined}
          defaultValue={state.status === 'error' ? (state.values?.document ?? '') : ''}
        />
        {state.fieldErrors?.document ? <span className="error">{state.fieldErrors.document}</span> : null}
      </div>
      <div className="field">
        <label htmlFor={id('file')}>{labels.file}</label>
        <input id={id('file')} name="file" type="file" accept=".graphql,.gql,text/plain" />
      </div>
      <div className="field">
        <label htmlFor={id('name')}>{labels.name}</label>
        <input
          id={id('name')}
          name="name"
          type="text"
          maxLength={200}
          defaultValue={state.status === 'error' ? (state.values?.name ?? '') : ''}
        />
      </div>
      <div>
        <button className="btn btn-primary" type="submit" disabled={isPending}>
          {labels.register}
        </button>
      </div>
    </form>
  );
}
