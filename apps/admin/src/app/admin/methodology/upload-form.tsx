'use client';

import { useActionState } from 'react';
import { IDLE } from '@/lib/action-state';
import { uploadMethodologyAction } from './actions';

interface UploadLabels {
  file: string;
  orPaste: string;
  upload: string;
  path: string;
  problem: string;
}

export function UploadMethodologyForm({ labels }: { labels: UploadLabels }) {
  const [state, formAction, isPending] = useActionState(uploadMethodologyAction, IDLE);
  const problems = (state.detail ?? []).map((line) => {
    const [path = '', ...rest] = line.split('\t');
    return { path, message: rest.join('\t') };
  });
  return (
    <form action={formAction} className="form" style={{ maxWidth: 'none' }}>
      <div className="field">
        <label htmlFor="m-file">{labels.file}</label>
        <input id="m-file" name="file" type="file" accept=".json,.yaml,.yml,application/json" />
      </div>
      <div className="field">
        <label htmlFor="m-document">{labels.orPaste}</label>
        <textarea id="m-document" name="document" rows={6} className="mono" spellCheck={false} />
      </div>
      <div>
        <button className="btn btn-primary" type="submit" disabled={isPending}>
          {labels.upload}
        </button>
      </div>
      <div aria-live="polite">
        {state.status === 'ok' ? (
          <p className="notice notice-ok" role="status">
            {state.message}
          </p>
        ) : null}
        {state.status === 'error' ? (
          <div className="notice notice-error" role="alert" data-testid="methodology-problems">
            <p>{state.message}</p>
            {problems.length > 0 ? (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{labels.path}</th>
                    <th scope="col">{labels.problem}</th>
                  </tr>
                </thead>
                <tbody>
                  {problems.map((p) => (
                    <tr key={`${p.path}:${p.message}`}>
                      <td className="mono">{p.path}</td>
                      <td>{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </div>
        ) : null}
      </div>
    </form>
  );
}
