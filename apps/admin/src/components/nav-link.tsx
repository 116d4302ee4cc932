'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

interface NavLinkProps {
  href: string;
  children: ReactNode;
  /** Match sub-paths too (e.g. /admin/evidence/new for /admin/evidence). */
  prefix?: boolean;
}

export function NavLink({ href, children, prefix = false }: NavLinkProps) {
  const pathname = usePathname();
  const isCurrent = pathname === href || (prefix && pathname.startsWith(`${href}/`));
  return (
    <Link href={href} aria-current={isCurrent ? 'page' : undefined}>
      {children}
    </Link>
  );
}
