import { roleHasScope } from '@ranking/contracts';
import Link from 'next/link';
import { StatusBadge } from '@/components/badges';
import { getI18n } from '@/i18n/server';
import { formatDate } from '@/i18n/translate';
import { param, type SearchParams } from '@/lib/labels';
import { listEditions } from '@/server/api/editions';
import { findEvidence } from '@/server/api/evidence';
import { requireUser } from '@/server/auth';

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser('/admin');
  const { locale, t } = await getI18n();
  const isDenied = param((await searchParams).denied) === '1';
  const abilities = [
    t('dashboard.can.read'),
    ...(roleHasScope(user.role, 'evidence:write') ? [t('dashboard.can.write')] : []),
    ...(roleHasScope(user.role, 'evidence:review') ? [t('dashboard.can.review')] : []),
    ...(roleHasScope(user.role, 'editions:manage') ? [t('dashboard.can.manage')] : []),
    ...(roleHasScope(user.role, 'admin') ? [t('dashboard.can.admin')] : []),
  ];
  const [pending, editions] = await Promise.all([
    findEvidence(user, { status: ['PENDING'] }, 1),
    listEditions(user, true),
  ]);
  const inProgress = editions.filter((e) => e.status !== 'PUBLISHED');
  const body = (
    <div className="grid-3">
      <section className="card">
        <div className="stat" data-testid="pending-count">
          {pending.totalCount}
        </div>
        <div className="stat-label">{t('dashboard.pending')}</div>
        <p style={{ marginTop: '0.75rem' }}>
          <Link href="/admin/evidence?status=PENDING">{t('evidence.queue')} →</Link>
        </p>
      </section>
      <section className="card">
        <div className="stat">{inProgress.length}</div>
        <div className="stat-label">{t('dashboard.drafts')}</div>
        <ul style={{ margin: '0.75rem 0 0', paddingLeft: '1rem' }}>
          {inProgress.map((e) => (
            <li key={e.id}>
              <Link href={`/admin/editions/${e.year}/${e.revision}`}>{e.title}</Link>{' '}
              <StatusBadge status={e.status} t={t} />
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2 style={{ fontSize: '1rem' }}>{t('public.editions')}</h2>
        <ul style={{ margin: 0, paddingLeft: '1rem' }}>
          {editions
            .filter((e) => e.status === 'PUBLISHED')
            .map((e) => (
              <li key={e.id}>
                <Link href={`/admin/editions/${e.year}/${e.revision}`}>{e.title}</Link>{' '}
                <span className="muted small">{formatDate(locale, e.publishedAt)}</span>
              </li>
            ))}
        </ul>
      </section>
    </div>
  );
  return (
    <div className="stack">
      {isDenied ? (
        <p className="notice notice-warn" role="alert">
          {t('auth.denied')}
        </p>
      ) : null}
      <div className="page-head">
        <div>
          <div className="eyebrow">{t(`role.${user.role}`)}</div>
          <h1>{t('dashboard.welcome', { name: user.name || user.email })}</h1>
        </div>
        {roleHasScope(user.role, 'evidence:write') ? (
          <Link className="btn btn-primary" href="/admin/evidence/new">
            {t('evidence.new')}
          </Link>
        ) : null}
      </div>
      {body}
      <section className="card">
        <h2 style={{ fontSize: '1rem' }}>{t('dashboard.youCan')}</h2>
        <ul style={{ margin: 0, paddingLeft: '1.1rem' }} data-testid="abilities">
          {abilities.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
