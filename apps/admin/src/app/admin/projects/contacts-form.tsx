'use client';

import { useActionState } from 'react';
import { IDLE } from '@/lib/action-state';
import { saveProjectContactsAction } from './contacts-actions';

export interface ContactsFormLabels {
  title: string;
  help: string;
  field: string;
  save: string;
}

/**
 * The project page's Contacts form (editors): one contact per line, `address` or `Name <address>`;
 * "Save contacts" makes the project's contacts exactly these (`setProjectContacts`). A refused line
 * is named in the error.
 */
export function ProjectContactsForm({
  project,
  initial,
  labels,
}: {
  project: string;
  initial: string;
  labels: ContactsFormLabels;
}) {
  const [state, formAction, isPending] = useActionState(saveProjectContactsAction.bind(null, project), IDLE);
  return (
    <form action={formAction} aria-busy={isPending} className="form" data-testid="contacts-form">
      <h3>{labels.title}</h3>
      <p className="muted small" id="contacts-help">
        {labels.help}
      </p>
      <div aria-live="polite">
        {state.status === 'ok' ? (
          <p className="notice notice-ok" role="status">
            {state.message}
          </p>
        ) : null}
        {state.status === 'error' && state.message ? (
          <p className="notice notice-error" role="alert" data-testid="contacts-error">
            {state.message}
          </p>
        ) : null}
      </div>
      <label className="field">
        {labels.field}
        <textarea
          name="contacts"
          rows={4}
          className="mono"
          spellCheck={false}
          autoCapitalize="off"
          aria-describedby="contacts-help"
          defaultValue={state.values?.contacts ?? initial}
        />
      </label>
      <button type="submit" className="btn btn-primary" disabled={isPending}>
        {labels.save}
      </button>
    </form>
  );
}
