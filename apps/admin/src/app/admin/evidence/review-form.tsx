'use client';

import { type ReactNode, useActionState } from 'react';
import { IDLE } from '@/lib/action-state';
import { reviewAction } from './actions';

/** Wraps the queue table: every approve/reject/bulk button submits here with its own `intent`. */
export function ReviewForm({ children }: { children: ReactNode }) {
  const [state, formAction, isPending] = useActionState(reviewAction, IDLE);
  return (
    <form action={formAction} aria-busy={isPending}>
      <div aria-live="polite">
        {state.status === 'ok' ? (
          <p className="notice notice-ok" role="status">
            {state.message}
          </p>
        ) : null}
        {state.status === 'error' ? (
          <p className="notice notice-error" role="alert">
            {state.message}
          </p>
        ) : null}
      </div>
      {children}
    </form>
  );
}

/** Checks every approvable row's checkbox (progressive: without JS, rows are checked one by one). */
export function SelectAll({ label }: { label: string }) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      onChange={(event) => {
        const form = event.currentTarget.form;
        if (!form) return;
        for (const box of form.querySelectorAll<HTMLInputElement>('input[name="ids"]')) {
          box.checked = event.currentTarget.checked;
        }
      }}
    />
  );
}
