'use client';

import { signOut } from 'next-auth/react';

/** next-auth's sign-out is a CSRF-protected POST; its client helper fetches the token first. */
export function SignOutButton({ label }: { label: string }) {
  return (
    <button type="button" className="btn-header" onClick={() => void signOut({ callbackUrl: '/' })}>
      {label}
    </button>
  );
}
