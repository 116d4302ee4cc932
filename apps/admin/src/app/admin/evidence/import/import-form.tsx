'use client';

import { useActionState } from 'react';
import { type ImportState, importEvidenceAction } from './actions';

const IDLE: ImportState = { status: 'idle' };

export interface ImportLabels {
  file: string;
  dryRun: string;
  submit: string;
  pending: string;
}

export function ImportForm({ labels }: { labels: ImportLabels }) {
  const [state, action, isPending] = useActionState(importEvidenceAction, IDLE);
  return (
    <form action={action} className="card" data-testid="import-form">
      <div className="field">
        <label htmlFor="import-file">{labels.file}</label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv" required />
      </div>
      <div className="field">
        <label>
          <input name="dryRun" type="checkbox" /> {labels.dryRun}
        </label>
      </div>
      <button className="btn" type="submit" disabled={isPending}>
        {isPending ? labels.pending : labels.submit}
      </button>
      {state.message ? (
        <p
          className={`notice ${state.status === 'ok' ? 'notice-ok' : 'notice-error'}`}
          role={state.status === 'ok' ? 'status' : 'alert'}
          data-testid="import-result"
        >
          {state.message}
        </p>
      ) : null}
      {state.problems && state.problems.length > 0 ? (
        <ul className="problems" data-testid="import-problems">
          {state.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
