'use client';

import { ApiErrorNotice } from '@/components/api-error-notice';

/** An admin page whose API call failed: the notice in place of the page, beside the section navigation. */
export default function AdminError({ error }: { error: Error & { digest?: string } }) {
  return <ApiErrorNotice error={error} />;
}
