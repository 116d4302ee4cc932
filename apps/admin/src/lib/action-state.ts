/** What a server action reports back to its form. */
export interface ActionState {
  status: 'idle' | 'ok' | 'error' | 'warning';
  message?: string;
  /** Messages beside the fields they concern, keyed by input name. */
  fieldErrors?: Record<string, string>;
  /** Extra payload, e.g. a minted API key or possible duplicates. */
  detail?: string[];
  /** Submitted values to restore into the form after an error. */
  values?: Record<string, string>;
}

export const IDLE: ActionState = { status: 'idle' };
