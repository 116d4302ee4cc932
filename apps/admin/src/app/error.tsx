'use client';

import { ApiErrorNotice } from '@/components/api-error-notice';

/** A public page whose API call failed: the notice in place of the page, under the site header. */
export default function PublicError({ error }: { error: Error & { digest?: string } }) {
  return (
    <main id="content" className="public-main">
      <ApiErrorNotice error={error} />
    </main>
  );
}
