import 'server-only';
import { getI18n } from '@/i18n/server';
import type { ActionState } from '@/lib/action-state';
import { ApiError } from './graphql';

/**
 * Turns an API failure into form state: BAD_USER_INPUT with `extensions.field` goes beside that field,
 * everything else is a message by code. Field paths like `input.sourceUrl` map to the input `sourceUrl`.
 */
export async function toActionError(error: unknown, values?: Record<string, string>): Promise<ActionState> {
  const { t } = await getI18n();
  if (error instanceof ApiError) {
    if (error.code === 'BAD_USER_INPUT' && error.field) {
      const field = error.field.split('.').at(-1) ?? error.field;
      return {
        status: 'error',
        message: t('error.BAD_USER_INPUT'),
        fieldErrors: { [field]: error.message },
        values,
      };
    }
    const base = t(`error.${error.code}`);
    // The API's own words where they help: what conflicts, what is wrong, what a newer code means.
    const message =
      error.code === 'CONFLICT' || error.code === 'BAD_USER_INPUT' || error.code === 'UNKNOWN'
        ? `${base} ${error.message}`
        : base;
    return { status: 'error', message, values };
  }
  return { status: 'error', message: t('error.INTERNAL_SERVER_ERROR'), values };
}

export function formString(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

export function formValues(data: FormData, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, formString(data, n)]));
}
