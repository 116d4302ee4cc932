import { roleHasScope } from '@ranking/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { Locale } from '@/i18n/locale';
import { getI18n } from '@/i18n/server';
import { formatDateTime, formatPercent, localName, type Translate } from '@/i18n/translate';
import { dimensionLabel, param, type SearchParams } from '@/lib/labels';
import { readMethodologyTree, type TreeNode } from '@/lib/methodology-tree';
import { getMethodology, listMethodologies } from '@/server/api/methodology';
import { requireUser } from '@/server/auth';
import { UploadMethodologyForm } from './upload-form';

export const metadata: Metadata = { title: 'Methodology' };

function Node({ node, locale, t }: { node: TreeNode; locale: Locale; t: Translate }) {
  const ind = node.indicator;
  return (
    <li className={ind ? 'tree-leaf' : 'tree-group'}>
      <div className="tree-node">
        <span>
          {ind ? localName(locale, ind) : node.name}
          {ind ? (
            <span className="meta-chips">
              <span className="chip mono">{ind.key}</span>
              {ind.transform !== 'none' ? <span className="chip">{ind.transform}</span> : null}
              <span className="chip">{ind.normalize}</span>
              {ind.direction === 'lower' ? <span className="chip">↓ {t('methodology.lower')}</span> : null}
              {ind.combine !== 'latest' ? <span className="chip">{ind.combine}</span> : null}
              {ind.missing !== 'zero' ? <span className="chip">missing: {ind.missing}</span> : null}
            </span>
          ) : (
            <span className="chip" style={{ marginLeft: '0.4rem' }}>
              {node.aggregate}
            </span>
          )}
        </span>
        <span className="num small" title={t('methodology.weight')}>
          ×{node.weight}
        </span>
        <span
          className="col-norm row"
          style={{ flexWrap: 'nowrap', gap: '0.4rem' }}
          title={t('methodology.effectiveWeight')}
        >
          <span className="barline" style={{ flex: 1 }}>
            <span style={{ width: `${Math.min(100, node.effectiveWeight * 100)}%` }} />
          </span>
          <span className="small">{formatPercent(locale, node.effectiveWeight)}</span>
        </span>
      </div>
      {node.children.length > 0 ? (
        <ul>
          {node.children.map((c) => (
            <Node key={c.key} node={c} locale={locale} t={t} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export default async function MethodologyPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser('/admin/methodology');
  const { locale, t } = await getI18n();
  const version = param((await searchParams).version) ?? null;
  const [methodology, versions] = await Promise.all([getMethodology(user, version), listMethodologies(user)]);
  const tree = methodology ? readMethodologyTree(methodology.document) : [];
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <div className="eyebrow">{t('methodology.title')}</div>
          <h1>{methodology ? `${methodology.title} ${methodology.version}` : t('common.none')}</h1>
          {methodology ? (
            <p className="small">
              <span className="mono">{methodology.id}</span> · {formatDateTime(locale, methodology.createdAt)}{' '}
              · <span className="mono">{methodology.documentHash.slice(0, 16)}…</span>
            </p>
          ) : null}
        </div>
        {versions.length > 1 ? (
          <nav aria-label={t('methodology.versions')} className="row small">
            {versions.map((v) => (
              <Link
                key={`${v.id}-${v.version}`}
                href={`/admin/methodology?version=${encodeURIComponent(v.version)}`}
                aria-current={v.version === methodology?.version ? 'page' : undefined}
              >
                {v.version}
              </Link>
            ))}
          </nav>
        ) : null}
      </div>
      <div className="grid-2">
        {tree.map((d) => (
          <section key={d.key} className="card" aria-labelledby={`tree-${d.key}`}>
            <div className="card-head">
              <h2 id={`tree-${d.key}`}>{dimensionLabel(t, d.key, d.name)}</h2>
              <span className="chip">{d.aggregate}</span>
            </div>
            <div className="tree-node small muted" aria-hidden="true" style={{ marginBottom: '0.3rem' }}>
              <span>{t('common.indicator')}</span>
              <span className="num">{t('methodology.weight')}</span>
              <span className="col-norm">{t('methodology.effectiveWeight')}</span>
            </div>
            <ul className="tree">
              {d.children.map((c) => (
                <Node key={c.key} node={c} locale={locale} t={t} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      {roleHasScope(user.role, 'editions:manage') ? (
        <section className="card" aria-labelledby="upload-title">
          <h2 id="upload-title">{t('methodology.upload')}</h2>
          <p className="muted small">{t('methodology.uploadHelp')}</p>
          <UploadMethodologyForm
            labels={{
              file: t('methodology.file'),
              orPaste: t('methodology.orPaste'),
              upload: t('methodology.upload'),
              path: t('methodology.path'),
              problem: t('methodology.problem'),
            }}
          />
        </section>
      ) : null}
    </div>
  );
}
