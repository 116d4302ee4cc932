import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/i18n/server';
import { localName, translateAll } from '@/i18n/translate';
import { dimensionLabel, param, type SearchParams } from '@/lib/labels';
import type { Category } from '@/server/api/common';
import { SOURCE_KINDS } from '@/server/api/evidence';
import { getMethodology } from '@/server/api/methodology';
import { findProjects, type ProjectRow } from '@/server/api/projects';
import { requireUser } from '@/server/auth';
import type { SessionUser } from '@/server/session-user';
import { EvidenceForm } from './evidence-form';
import { EVIDENCE_FORM_LABELS } from './labels';

export const metadata: Metadata = { title: 'Submit evidence' };

async function loadAllProjects(user: SessionUser): Promise<ProjectRow[]> {
  const all: ProjectRow[] = [];
  let after: string | null = null;
  for (let i = 0; i < 20; i += 1) {
    const page = await findProjects(user, {}, 100, after);
    all.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    after = page.pageInfo.endCursor;
  }
  return all;
}

export default async function NewEvidencePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser('/admin/evidence/new', 'evidence:write');
  const { locale, t } = await getI18n();
  const query = await searchParams;
  const [projects, methodology] = await Promise.all([loadAllProjects(user), getMethodology(user)]);
  const dimensions = methodology?.dimensions ?? [];
  const categoryIndicators: Record<string, string[]> = {};
  for (const d of dimensions) {
    if (d.category) categoryIndicators[d.category] = d.indicators.map((i) => i.key);
  }
  const labels = translateAll(t, EVIDENCE_FORM_LABELS);
  const byCategory = new Map<Category, ProjectRow[]>();
  for (const p of projects) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);
  const categoryName = (c: string) => {
    const dim = dimensions.find((d) => d.category === c);
    return dimensionLabel(t, dim?.key ?? c.toLowerCase(), dim?.name);
  };
  return (
    <div>
      <div className="page-head">
        <div>
          <div className="eyebrow">
            <Link href="/admin/evidence">{t('evidence.title')}</Link>
          </div>
          <h1>{t('evidence.new')}</h1>
        </div>
      </div>
      <div className="card">
        <EvidenceForm
          labels={labels}
          projectGroups={[...byCategory.entries()].map(([category, rows]) => ({
            category,
            label: categoryName(category),
            projects: rows.map((p) => ({ slug: p.slug, label: localName(locale, p) })),
          }))}
          indicators={(methodology?.indicators ?? []).map((i) => ({
            key: i.key,
            label: localName(locale, i),
            unit: i.unit,
          }))}
          categoryIndicators={categoryIndicators}
          sourceKinds={[...SOURCE_KINDS]}
          initialProject={param(query.project) ?? ''}
          initialIndicator={param(query.indicator) ?? ''}
        />
      </div>
    </div>
  );
}
