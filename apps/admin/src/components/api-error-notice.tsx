'use client';

/**
 * What a page shows when the API failed while it rendered: the segment's error.tsx renders this notice
 * from the error's digest (src/lib/api-error-digest.ts), in the reader's language (next-intl; the root
 * layout hands the `common` and `error` messages to the client).
 */
import { useTranslations } from 'next-intl';
import { readApiErrorDigest } from '@/lib/api-error-digest';

export function ApiErrorNotice({ error }: { error: Error & { digest?: string } }) {
  const t = useTranslations();
  const api = readApiErrorDigest(error.digest);
  const code = api?.code ?? 'INTERNAL_SERVER_ERROR';
  const isDown = code === 'API_UNAVAILABLE';
  return (
    <div className="notice notice-error" role="alert">
      <strong>{t('common.error')}:</strong> {isDown ? t('common.apiDown') : t(`error.${code}`)}
      {api?.message ? ` ${api.message}` : null}
      {api && !isDown ? <span className="muted small"> ({code})</span> : null}
    </div>
  );
}
