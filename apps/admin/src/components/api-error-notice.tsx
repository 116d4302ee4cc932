'use client';

/**
 * What a page shows when the API failed while it rendered: the segment's error.tsx renders this notice
 * from the error's digest (src/lib/api-error-digest.ts), in the reader's language. The texts come from
 * the root layout (ErrorTextsProvider), which translates them on the server.
 */
import { createContext, type ReactNode, useContext } from 'react';
import type { ErrorCode } from '@/lib/api-error-code';
import { readApiErrorDigest } from '@/lib/api-error-digest';

export interface ErrorTexts {
  /** "Something went wrong" */
  title: string;
  /** The API is not reachable at all: how to start it. */
  apiDown: string;
  byCode: Record<ErrorCode, string>;
}

const ErrorTextsContext = createContext<ErrorTexts | null>(null);

export function ErrorTextsProvider({ texts, children }: { texts: ErrorTexts; children: ReactNode }) {
  return <ErrorTextsContext value={texts}>{children}</ErrorTextsContext>;
}

export function ApiErrorNotice({ error }: { error: Error & { digest?: string } }) {
  const texts = useContext(ErrorTextsContext);
  const api = readApiErrorDigest(error.digest);
  const code = api?.code ?? 'INTERNAL_SERVER_ERROR';
  const isDown = code === 'API_UNAVAILABLE';
  if (!texts) return <div role="alert">{code}</div>;
  return (
    <div className="notice notice-error" role="alert">
      <strong>{texts.title}:</strong> {isDown ? texts.apiDown : texts.byCode[code]}
      {api?.message ? ` ${api.message}` : null}
      {api && !isDown ? <span className="muted small"> ({code})</span> : null}
    </div>
  );
}
