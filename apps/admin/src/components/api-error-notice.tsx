import type { MessageKey } from '@/i18n/messages';
import type { Translate } from '@/i18n/translate';
import { ApiError } from '@/server/graphql';

export function errorMessageKey(error: unknown): MessageKey {
  if (error instanceof ApiError) return `error.${error.code}`;
  return 'error.INTERNAL_SERVER_ERROR';
}

export function ApiErrorNotice({ error, t }: { error: unknown; t: Translate }) {
  const isDown = error instanceof ApiError && error.code === 'API_UNAVAILABLE';
  return (
    <div className="notice notice-error" role="alert">
      <strong>{t('common.error')}:</strong> {isDown ? t('common.apiDown') : t(errorMessageKey(error))}
      {error instanceof ApiError && error.code === 'UNKNOWN' ? ` ${error.message}` : null}
      {error instanceof ApiError && !isDown ? <span className="muted small"> ({error.code})</span> : null}
    </div>
  );
}
