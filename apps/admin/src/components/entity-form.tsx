'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import type { ActionState } from '@/lib/action-state';
import { IDLE } from '@/lib/action-state';

export interface FieldSpec {
  name: string;
  label: string;
  type: 'text' | 'url' | 'select' | 'textarea';
  defaultValue?: string;
  options?: { value: string; label: string }[];
  isRequired?: boolean;
  help?: string;
  isReadOnly?: boolean;
}

interface EntityFormProps {
  action: (previous: ActionState, data: FormData) => Promise<ActionState>;
  fields: FieldSpec[];
  submitLabel: string;
  requiredLabel: string;
  idPrefix: string;
}

/** A labelled create/edit form; API field errors (BAD_USER_INPUT + field) appear beside their input. */
export function EntityForm({ action, fields, submitLabel, requiredLabel, idPrefix }: EntityFormProps) {
  const router = useRouter();
  const [state, formAction, isPending] = useActionState(action, IDLE);
  useEffect(() => {
    const target = state.status === 'ok' ? state.detail?.[0] : undefined;
    if (target) router.push(target);
  }, [state, router]);
  const values = state.values ?? {};
  return (
    <form action={formAction} className="form" noValidate>
      <div aria-live="polite">
        {state.status === 'ok' ? (
          <p className="notice notice-ok" role="status">
            {state.message}
          </p>
        ) : null}
        {state.status === 'error' && state.message ? (
          <p className="notice notice-error" role="alert">
            {state.message}
          </p>
        ) : null}
      </div>
      {fields.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const error = state.fieldErrors?.[f.name];
        const describedBy =
          [f.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
        const common = {
          id,
          name: f.name,
          defaultValue: values[f.name] ?? f.defaultValue ?? '',
          'aria-invalid': error ? true : undefined,
          'aria-describedby': describedBy,
          required: f.isRequired,
          readOnly: f.isReadOnly,
        };
        return (
          <div className="field" key={f.name}>
            <label htmlFor={id}>
              {f.label}
              {f.isRequired ? <span aria-hidden="true"> *</span> : null}
              {f.isRequired ? <span className="sr-only"> ({requiredLabel})</span> : null}
            </label>
            {f.type === 'select' ? (
              <select {...common} disabled={f.isReadOnly}>
                {(f.options ?? []).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : f.type === 'textarea' ? (
              <textarea {...common} />
            ) : (
              <input {...common} type={f.type} />
            )}
            {f.help ? (
              <span className="help" id={`${id}-help`}>
                {f.help}
              </span>
            ) : null}
            {error ? (
              <span className="error" id={`${id}-error`} role="alert">
                {error}
              </span>
            ) : null}
          </div>
        );
      })}
      <div>
        <button className="btn btn-primary" type="submit" disabled={isPending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
