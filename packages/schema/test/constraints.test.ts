import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeys,
  type DatabaseHandle,
  editions,
  organizations,
  projects,
  results,
  type Scope,
  SQLSTATE,
  users,
} from '../src/index';
import { createTestDatabase, testDrivers } from '../src/testing';
import { type Basics, expectConstraint, insertBasics, insertEvidence, refusal, uniqueSlug } from './helpers';

describe.each(testDrivers())('constraints on %s', (driver) => {
  let handle: DatabaseHandle;
  let basics: Basics;
  beforeAll(async () => {
    handle = await createTestDatabase({ driver });
    basics = await insertBasics(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('accept a valid evidence row (the control for the refusals below)', async () => {
    expect(await insertEvidence(handle.db, basics)).toBeGreaterThan(0);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('refuse a %s evidence value (evidence_value_check)', async (_, value) => {
    await expectConstraint(() => insertEvidence(handle.db, basics, { value }), 'evidence_value_check');
  });

  it('refuse a non-finite result score (results_score_check)', async () => {
    const [edition] = await handle.db
      .insert(editions)
      .values({ year: 2030, title: 'Scores', methodologyId: basics.methodologyId, cutoff: '2030-12-31' })
      .returning({ id: editions.id });
    await expectConstraint(
      () =>
        handle.db.insert(results).values({
          editionId: edition?.id ?? 0,
          dimensionKey: 'model',
          projectId: basics.projectId,
          score: Number.NaN,
          rank: 1,
          nodes: {},
          indicators: {},
        }),
      'results_score_check',
    );
  });

  it('refuse an unknown evidence status (evidence_status_check)', async () => {
    await expectConstraint(
      () => insertEvidence(handle.db, basics, { status: 'accepted' as 'approved' }),
      'evidence_status_check',
    );
  });

  it('refuse a source URL that is not http(s) (evidence_source_url_check)', async () => {
    await expectConstraint(
      () =>
        insertEvidence(handle.db, basics, {
          sourceUrl: 'ftp://example.org/x',
          canonicalUrl: 'ftp://example.org/x',
        }),
      'evidence_source_url_check',
    );
  });

  it('refuse evidence reviewed by its submitter (evidence_own_review_check)', async () => {
    await expectConstraint(
      () => insertEvidence(handle.db, basics, { reviewedBy: basics.editorId }),
      'evidence_own_review_check',
    );
  });

  it('refuse a rejection without a note (evidence_rejection_note_check)', async () => {
    await expectConstraint(
      () => insertEvidence(handle.db, basics, { status: 'rejected', reviewNote: '   ' }),
      'evidence_rejection_note_check',
    );
  });

  it('refuse a reviewed status without reviewed_at (evidence_reviewed_check)', async () => {
    await expectConstraint(
      () => insertEvidence(handle.db, basics, { status: 'approved', reviewedAt: null }),
      'evidence_reviewed_check',
    );
  });

  it('refuse superseded without superseded_by (evidence_superseded_check)', async () => {
    await expectConstraint(
      () => insertEvidence(handle.db, basics, { status: 'superseded' }),
      'evidence_superseded_check',
    );
  });

  it.each(['Bad Slug', 'under_score', '-leading', 'trailing-', 'double--hyphen', 'UPPER'])(
    'refuse the project slug %j (projects_slug_check)',
    async (slug) => {
      await expectConstraint(
        () => handle.db.insert(projects).values({ slug, name: 'x', category: 'model' }),
        'projects_slug_check',
      );
    },
  );

  it('accept dotted slugs such as glm-4.5', async () => {
    await handle.db.insert(projects).values({ slug: 'glm-4.5', name: 'GLM-4.5', category: 'model' });
  });

  it('refuse a bad organization slug (organizations_slug_check)', async () => {
    await expectConstraint(
      () => handle.db.insert(organizations).values({ slug: 'Big Co', name: 'x', kind: 'company' }),
      'organizations_slug_check',
    );
  });

  it.each(['cn', 'CHN', 'C1'])('refuse the country %j (organizations_country_check)', async (country) => {
    await expectConstraint(
      () =>
        handle.db
          .insert(organizations)
          .values({ slug: uniqueSlug('org'), name: 'x', kind: 'company', country }),
      'organizations_country_check',
    );
  });

  it('refuse an unknown organization kind and project category', async () => {
    await expectConstraint(
      () =>
        handle.db
          .insert(organizations)
          .values({ slug: uniqueSlug('org'), name: 'x', kind: 'startup' as 'company' }),
      'organizations_kind_check',
    );
    await expectConstraint(
      () =>
        handle.db.insert(projects).values({ slug: uniqueSlug('p'), name: 'x', category: 'agent' as 'model' }),
      'projects_category_check',
    );
  });

  it('refuse a duplicate project slug (projects_slug_key)', async () => {
    const slug = uniqueSlug('dup');
    await handle.db.insert(projects).values({ slug, name: 'first', category: 'data' });
    const info = await refusal(() =>
      handle.db.insert(projects).values({ slug, name: 'second', category: 'data' }),
    );
    expect(info).toMatchObject({ code: SQLSTATE.uniqueViolation, constraint: 'projects_slug_key' });
  });

  it('refuse a second user with the same e-mail in another case (users_email_key)', async () => {
    await handle.db
      .insert(users)
      .values({ email: 'Case@Example.org', name: 'a', passwordHash: 'x', role: 'viewer' });
    const info = await refusal(() =>
      handle.db
        .insert(users)
        .values({ email: 'case@example.org', name: 'b', passwordHash: 'x', role: 'viewer' }),
    );
    expect(info).toMatchObject({ code: SQLSTATE.uniqueViolation, constraint: 'users_email_key' });
  });

  it('refuse an unknown role (users_role_check)', async () => {
    await expectConstraint(
      () =>
        handle.db
          .insert(users)
          .values({ email: 'root@example.org', name: 'r', passwordHash: 'x', role: 'root' as 'admin' }),
      'users_role_check',
    );
  });

  it.each([
    ['an unknown scope', ['read', 'write:everything']],
    ['no scope', []],
  ])('refuse an API key with %s (api_keys_scopes_check)', async (_, scopes) => {
    await expectConstraint(
      () =>
        handle.db.insert(apiKeys).values({
          name: 'partner',
          prefix: uniqueSlug('rk'),
          secretHash: uniqueSlug('hash'),
          scopes: scopes as Scope[],
        }),
      'api_keys_scopes_check',
    );
  });

  it.each([1999, 2101])('refuse the edition year %i (editions_year_check)', async (year) => {
    await expectConstraint(
      () =>
        handle.db
          .insert(editions)
          .values({ year, title: 'x', methodologyId: basics.methodologyId, cutoff: `${year}-12-31` }),
      'editions_year_check',
    );
  });

  it('refuse a computed edition without content hash (editions_computed_check)', async () => {
    await expectConstraint(
      () =>
        handle.db.insert(editions).values({
          year: 2031,
          title: 'x',
          methodologyId: basics.methodologyId,
          cutoff: '2031-12-31',
          status: 'computed',
          computedAt: new Date(),
        }),
      'editions_computed_check',
    );
  });

  it('refuse an unknown edition status (editions_status_check)', async () => {
    await expectConstraint(
      () =>
        handle.db.insert(editions).values({
          year: 2032,
          title: 'x',
          methodologyId: basics.methodologyId,
          cutoff: '2032-12-31',
          status: 'final' as 'draft',
          computedAt: new Date(),
          contentHash: 'a'.repeat(64),
        }),
      'editions_status_check',
    );
  });
});
