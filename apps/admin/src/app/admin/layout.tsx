import { roleHasScope } from '@ranking/contracts';
import type { ReactNode } from 'react';
import { NavLink } from '@/components/nav-link';
import { getI18n } from '@/i18n/server';
import { requireUser } from '@/server/auth';

export const dynamic = 'force-dynamic';

/** The signed-in workspace: sections shown by role (the API enforces the same scopes). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireUser('/admin');
  const { t } = await getI18n();
  const isAdmin = roleHasScope(user.role, 'admin');
  return (
    <div className="shell">
      <nav className="sidenav" aria-label={t('nav.admin')}>
        <ul>
          <li>
            <NavLink href="/admin">{t('nav.dashboard')}</NavLink>
          </li>
          <li>
            <NavLink href="/admin/evidence" prefix>
              {t('nav.evidence')}
            </NavLink>
          </li>
          <li>
            <NavLink href="/admin/links" prefix>
              {t('nav.links')}
            </NavLink>
          </li>
          {roleHasScope(user.role, 'evidence:review') ? (
            <li>
              <NavLink href="/admin/disputes" prefix>
                {t('nav.disputes')}
              </NavLink>
            </li>
          ) : null}
          <li>
            <NavLink href="/admin/collection" prefix>
              {t('nav.collection')}
            </NavLink>
          </li>
          <li>
            <NavLink href="/admin/projects" prefix>
              {t('nav.projects')}
            </NavLink>
          </li>
          <li>
            <NavLink href="/admin/organizations" prefix>
              {t('nav.organizations')}
            </NavLink>
          </li>
          <li>
            <NavLink href="/admin/methodology" prefix>
              {t('nav.methodology')}
            </NavLink>
          </li>
          <li>
            <NavLink href="/admin/editions" prefix>
              {t('nav.editions')}
            </NavLink>
          </li>
          {isAdmin ? (
            <>
              <li>
                <NavLink href="/admin/audit" prefix>
                  {t('nav.audit')}
                </NavLink>
              </li>
              <li>
                <NavLink href="/admin/api-keys" prefix>
                  {t('nav.apiKeys')}
                </NavLink>
              </li>
              <li>
                <NavLink href="/admin/webhooks" prefix>
                  {t('nav.webhooks')}
                </NavLink>
              </li>
            </>
          ) : null}
        </ul>
      </nav>
      <main id="content" className="main">
        {children}
      </main>
    </div>
  );
}
