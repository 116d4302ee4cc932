'use client';

import Link from 'next/link';
import { type ReactNode, startTransition, useActionState, useState } from 'react';
import { IDLE } from '@/lib/action-state';
import {
  type EvidenceFieldErrors,
  type EvidenceFormValues,
  validateEvidence,
} from '@/lib/evidence-validation';
import { submitEvidenceAction } from '../actions';
import type { EvidenceFormLabels } from './labels';

interface EvidenceFormProps {
  labels: EvidenceFormLabels;
  projectGroups: { category: string; label: string; projects: { slug: string; label: string }[] }[];
  indicators: { key: string; label: string; unit: string | null }[];
  /** Indicator keys per project category, so the picker offers what the project's dimension uses. */
  categoryIndicators: Record<string, string[]>;
  sourceKinds: string[];
  initialProject: string;
  initialIndicator: string;
}

type Field = keyof EvidenceFormValues;

function readValues(form: HTMLFormElement): EvidenceFormValues {
  return valuesOf(new FormData(form));
}

function valuesOf(data: FormData): EvidenceFormValues {
  const get = (name: string) => String(data.get(name) ?? '').trim();
  return {
    project: get('project'),
    indicator: get('indicator'),
    value: get('value'),
    sourceUrl: get('sourceUrl'),
    observedAt: get('observedAt'),
  };
}

export function EvidenceForm(props: EvidenceFormProps) {
  const { labels } = props;
  const [state, formAction, isPending] = useActionState(submitEvidenceAction, IDLE);
  const [clientErrors, setClientErrors] = useState<EvidenceFieldErrors>({});
  const [project, setProject] = useState(props.initialProject);
  const values = state.status === 'ok' ? {} : (state.values ?? {});
  const category = props.projectGroups.find((g) => g.projects.some((p) => p.slug === project))?.category;
  const allowed = category ? props.categoryIndicators[category] : undefined;
  const indicators = allowed ? props.indicators.filter((i) => allowed.includes(i.key)) : props.indicators;
  // Reset the form after a successful submission by changing its key.
  const formKey = state.status === 'ok' ? `ok-${state.detail?.[0] ?? ''}` : 'form';

  const errorFor = (field: Field): string | undefined => {
    const key = clientErrors[field];
    if (
      key === 'evidence.valid.project' ||
      key === 'evidence.valid.indicator' ||
      key === 'evidence.valid.value' ||
      key === 'evidence.valid.url' ||
      key === 'evidence.valid.date'
    )
      return labels[key];
    return state.fieldErrors?.[field];
  };

  // Messages appear on submit; afterwards a field's message updates as it is corrected. (Showing them
  // on blur would move the submit button under the pointer between mousedown and click.)
  const check = (form: HTMLFormElement | null, field: Field) => {
    if (!form || !clientErrors[field]) return;
    const problems = validateEvidence(readValues(form));
    setClientErrors((prev) => ({ ...prev, [field]: problems[field] }));
  };

  const field = (name: Field, label: string, input: ReactNode, help?: string) => {
    const error = errorFor(name);
    return (
      <div className="field">
        <label htmlFor={`ev-${name}`}>{label}</label>
        {input}
        {help ? (
          <span className="help" id={`ev-${name}-help`}>
            {help}
          </span>
        ) : null}
        {error ? (
          <span className="error" id={`ev-${name}-error`} role="alert">
            {error}
          </span>
        ) : null}
      </div>
    );
  };

  const describedBy = (name: Field, hasHelp: boolean) =>
    [hasHelp ? `ev-${name}-help` : '', errorFor(name) ? `ev-${name}-error` : ''].filter(Boolean).join(' ') ||
    undefined;

  return (
    <form
      key={formKey}
      className="form"
      noValidate
      onSubmit={(event) => {
        // Check in the browser first (the server action checks the same rules again); submitting
        // through a transition keeps what was typed when something is wrong.
        event.preventDefault();
        const submitter = event.nativeEvent instanceof SubmitEvent ? event.nativeEvent.submitter : null;
        const data = new FormData(event.currentTarget, submitter);
        const problems = validateEvidence(valuesOf(data));
        setClientErrors(problems);
        const first = Object.keys(problems)[0];
        if (first) {
          document.getElementById(`ev-${first}`)?.focus();
          return;
        }
        startTransition(() => formAction(data));
      }}
    >
      <div aria-live="polite">
        {state.status === 'ok' ? (
          <p className="notice notice-ok" role="status" data-testid="evidence-submitted">
            {state.message} <Link href="/admin/evidence?status=PENDING">→</Link>
          </p>
        ) : null}
        {state.status === 'error' && state.message ? (
          <p className="notice notice-error" role="alert">
            {state.message}
          </p>
        ) : null}
        {state.status === 'warning' ? (
          <div className="notice notice-warn" role="alert" data-testid="duplicate-warning">
            <p>{state.message}</p>
            <p className="small">{labels.duplicateList}:</p>
            <ul className="small">
              {(state.detail ?? []).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {field(
        'project',
        labels.project,
        <select
          id="ev-project"
          name="project"
          defaultValue={values.project ?? props.initialProject}
          aria-invalid={errorFor('project') ? true : undefined}
          aria-describedby={describedBy('project', false)}
          onChange={(e) => {
            setProject(e.currentTarget.value);
            check(e.currentTarget.form, 'project');
          }}
        >
          <option value="">{labels.pickProject}</option>
          {props.projectGroups.map((group) => (
            <optgroup key={group.category} label={group.label}>
              {group.projects.map((p) => (
                <option key={p.slug} value={p.slug}>
                  {p.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>,
      )}
      {field(
        'indicator',
        labels.indicator,
        <select
          id="ev-indicator"
          name="indicator"
          defaultValue={values.indicator ?? props.initialIndicator}
          aria-invalid={errorFor('indicator') ? true : undefined}
          aria-describedby={describedBy('indicator', false)}
          onChange={(e) => check(e.currentTarget.form, 'indicator')}
        >
          <option value="">{labels.pickIndicator}</option>
          {indicators.map((i) => (
            <option key={i.key} value={i.key}>
              {i.label}
              {i.unit ? ` (${i.unit})` : ''}
            </option>
          ))}
        </select>,
      )}
      <div className="grid-2">
        {field(
          'value',
          labels.value,
          <input
            id="ev-value"
            name="value"
            type="text"
            inputMode="decimal"
            defaultValue={values.value ?? ''}
            aria-invalid={errorFor('value') ? true : undefined}
            aria-describedby={describedBy('value', true)}
            onChange={(e) => check(e.currentTarget.form, 'value')}
          />,
          labels.valueHelp,
        )}
        {field(
          'observedAt',
          labels.observedAt,
          <input
            id="ev-observedAt"
            name="observedAt"
            type="date"
            defaultValue={values.observedAt ?? ''}
            aria-invalid={errorFor('observedAt') ? true : undefined}
            aria-describedby={describedBy('observedAt', true)}
            onChange={(e) => check(e.currentTarget.form, 'observedAt')}
          />,
          labels.dateHelp,
        )}
      </div>
      {field(
        'sourceUrl',
        labels.sourceUrl,
        <input
          id="ev-sourceUrl"
          name="sourceUrl"
          type="url"
          placeholder="https://"
          defaultValue={values.sourceUrl ?? ''}
          aria-invalid={errorFor('sourceUrl') ? true : undefined}
          aria-describedby={describedBy('sourceUrl', true)}
          onChange={(e) => check(e.currentTarget.form, 'sourceUrl')}
        />,
        labels.urlHelp,
      )}
      <div className="field">
        <label htmlFor="ev-sourceKind">{labels.sourceKind}</label>
        <select id="ev-sourceKind" name="sourceKind" defaultValue={values.sourceKind ?? 'GITHUB'}>
          {props.sourceKinds.map((k) => (
            <option key={k} value={k}>
              {k.charAt(0) + k.slice(1).toLowerCase()}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="ev-note">
          {labels.note} <span className="muted small">({labels.optional})</span>
        </label>
        <textarea id="ev-note" name="note" defaultValue={values.note ?? ''} />
      </div>
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={isPending}>
          {labels.submit}
        </button>
        {state.status === 'warning' ? (
          <button className="btn" type="submit" name="confirmDuplicate" value="1" disabled={isPending}>
            {labels.submitAnyway}
          </button>
        ) : null}
      </div>
    </form>
  );
}
