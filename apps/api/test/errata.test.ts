/**
 * Corrections end to end over HTTP on the demo (docs/corrections.md): an upheld dispute corrects
 * one value of 2025 as an INSERTION revision (nobody else moves; the corrected project ties with the
 * project it now passes), then a FULL_RECOMPUTE revision; errata per revision, `edition(asOf)`,
 * the bi-temporal evidence fields, errata.csv in the export, and the content hashes verify.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editionErrata, parseCsvRecords } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DISPUTE_CONTACT, DEMO_REJECTION_REASON, publishDemoCorrection } from '../src/cli/demo';
import { createSystemContext } from '../src/context';
import { exportEdition, verifyExportDir } from '../src/modules/bulk/export-service';
import { verifyEdition } from '../src/modules/editions/compute-service';
import { linkErrataDispute } from '../src/modules/editions/lifecycle-service';
import { listEditionsOfYear } from '../src/modules/editions/store';
import { codeOf, startTestApi, type TestApi } from './helpers';

interface Entry {
  rank: number;
  score: number;
  project: { slug: string };
  indicators: {
    indicator: { key: string };
    raw: number | null;
    evidence: { id: string; value: number; observedAt: string; sourceUrl: string }[];
  }[];
}
interface EditionView {
  revision: number;
  publishedAt: string;
  dimensions: { key: string }[];
}

const RANKING = `query R($year: Int!, $revision: Int, $dimension: String!) {
  edition(year: $year, revision: $revision) {
    ranking(dimension: $dimension, first: 100) {
      edges { node { rank score project { slug }
        indicators { indicator { key } raw evidence { id value observedAt sourceUrl } } } }
    }
  }
}`;
const ERRATA = `query E($year: Int!, $revision: Int) {
  edition(year: $year, revision: $revision) {
    revision correctionPolicy correctionCause
    errata { revision correctedRevision project { slug } indicator oldValue newValue cause disputeId
      decidedAt recordedAt decidedBy { email }
      dimensions { dimension oldScore newScore oldRank newRank } }
  }
}`;

describe.each(testDrivers())('corrections and errata (%s)', (driver) => {
  let api: TestApi;
  let editor: string;
  let reviewer: string;
  let publisher: string;
  let admin: string;
  const YEAR = 2025;

  async function ids(query: ReturnType<typeof sql>): Promise<number[]> {
    const result = await api.handle.db.execute(query);
    const list = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as {
      id: string | number;
    }[];
    return list.map((r) => Number(r.id));
  }
  const usedIds = (editionId: number) =>
    ids(
      sql`select evidence_id as id from edition_evidence where edition_id = ${editionId} and used order by 1`,
    );
  const idsInResults = (editionId: number) =>
    ids(sql`select distinct x.id::bigint as id from results as r
              cross join lateral jsonb_each(r.indicators) as i(key, value)
              cross join lateral jsonb_array_elements_text(i.value -> 'evidenceIds') as x(id)
             where r.edition_id = ${editionId} order by 1`);

  async function ranking(dimension: string, revision: number): Promise<Entry[]> {
    const r = await api.gql<{ edition: { ranking: { edges: { node: Entry }[] } } }>(RANKING, {
      year: YEAR,
      revision,
      dimension,
    });
    expect(r.errors).toBeUndefined();
    return (r.data?.edition.ranking.edges ?? []).map((e) => e.node);
  }

  /** Submits a value for the same project, indicator and date and approves it (superseding the old). */
  async function correctValue(project: string, indicator: string, observedAt: string, value: number) {
    const submitted = await api.gql<{ submitEvidence: { id: string } }>(
      `mutation S($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { id } }`,
      {
        input: {
          project,
          indicator,
          value,
          observedAt,
          sourceUrl: `https://example.org/corrections/${project}/${indicator}/${value}`,
          sourceKind: 'OTHER',
        },
      },
      { token: editor },
    );
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data?.submitEvidence.id ?? '';
    const approved = await api.gql(
      `mutation { reviewEvidence(id: "${id}", decision: APPROVE, note: "dispute upheld") { id } }`,
      {},
      { token: reviewer },
    );
    expect(approved.errors).toBeUndefined();
    return id;
  }

  async function createComputePublish(correction: string | null): Promise<string> {
    const created = await api.gql<{ createEdition: { id: string; revision: number } }>(
      `mutation { createEdition(input: { year: ${YEAR}, title: "${YEAR} corrected", cutoff: "${YEAR}-12-31",
        methodologyVersion: "2026.1"${correction ? `, correction: ${correction}` : ''} }) { id revision } }`,
      {},
      { token: publisher },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data?.createEdition.id ?? '';
    const computed = await api.gql<{ computeEdition: { contentHash: string } }>(
      `mutation { computeEdition(id: "${id}") { contentHash } }`,
      {},
      { token: publisher },
    );
    expect(computed.errors).toBeUndefined();
    const published = await api.gql(
      `mutation { publishEdition(id: "${id}", contentHash: "${computed.data?.computeEdition.contentHash}") { id } }`,
      {},
      { token: publisher },
    );
    expect(published.errors).toBeUndefined();
    return id;
  }

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
    [editor, reviewer, publisher, admin] = await Promise.all([
      api.tokenFor('editor'),
      api.tokenFor('reviewer'),
      api.tokenFor('publisher'),
      api.tokenFor('admin'),
    ]);
  });
  afterAll(async () => api?.close());

  it('a first revision refuses a correction; a dispute id needs the cause DISPUTE', async () => {
    const first = await api.gql(
      `mutation { createEdition(input: { year: 2031, title: "t", cutoff: "2031-01-01",
        correction: { policy: INSERTION, cause: DISPUTE } }) { id } }`,
      {},
      { token: publisher },
    );
    expect(codeOf(first)).toBe('BAD_USER_INPUT');
    expect(first.errors?.[0]?.extensions?.field).toBe('correction');
    const wrongCause = await api.gql(
      `mutation { createEdition(input: { year: ${YEAR}, title: "t", cutoff: "${YEAR}-12-31",
        correction: { policy: INSERTION, cause: COLLECTION_ERROR, disputeId: "7" } }) { id } }`,
      {},
      { token: publisher },
    );
    expect(codeOf(wrongCause)).toBe('BAD_USER_INPUT');
    expect(wrongCause.errors?.[0]?.extensions?.field).toBe('correction.disputeId');
    // Nothing was written.
    const revisions = await api.gql<{ edition: { revisions: { revision: number }[] } }>(
      `{ edition(year: ${YEAR}) { revisions { revision } } }`,
      {},
      { token: publisher },
    );
    expect(revisions.data?.edition.revisions).toEqual([{ revision: 1 }]);
  });

  it('INSERTION moves only the corrected project, FULL_RECOMPUTE re-ranks; both are public, dated errata', async () => {
    const first = await api.gql<{ edition: EditionView }>(
      `{ edition(year: ${YEAR}) { revision publishedAt dimensions { key } } }`,
    );
    const dimensions = first.data?.edition.dimensions.map((d) => d.key) ?? [];
    const dimension = dimensions[0] ?? '';
    const before = await ranking(dimension, 1);
    // The last project of the dimension (alone at its rank) with an evidenced indicator.
    const last = before.at(-1) as Entry;
    expect(before.filter((e) => e.rank === last.rank)).toHaveLength(1);
    const target = last.indicators.find((i) => i.evidence.length === 1 && i.raw !== null);
    if (!target) throw new Error(`the last project of ${dimension} has no single-evidence indicator`);
    const oldEvidence = target.evidence[0] as Entry['indicators'][number]['evidence'][number];
    const newValue = oldEvidence.value * 1000 + 1_000_000;
    const newEvidenceId = await correctValue(
      last.project.slug,
      target.indicator.key,
      oldEvidence.observedAt,
      newValue,
    );

    // Revision 2: an upheld dispute (its id not linked yet), INSERTION.
    await createComputePublish('{ policy: INSERTION, cause: DISPUTE }');
    const after = await ranking(dimension, 2);
    const corrected = after.find((e) => e.project.slug === last.project.slug) as Entry;
    // Every other project keeps its published score and rank exactly.
    const others = (list: Entry[]) =>
      list.filter((e) => e.project.slug !== last.project.slug).map((e) => [e.project.slug, e.rank, e.score]);
    expect(others(after)).toEqual(others(before));
    // The corrected project takes the rank of the best-ranked project it now equals or passes (by
    // revision 1's published scores), as a tie.
    const passed = before
      .filter((e) => e.project.slug !== last.project.slug && e.score <= corrected.score + 1e-9)
      .sort((a, b) => a.rank - b.rank)[0];
    expect(passed).toBeDefined();
    expect(corrected.rank).toBe(passed?.rank);
    expect(
      after
        .filter((e) => e.rank === corrected.rank)
        .map((e) => e.project.slug)
        .sort(),
    ).toEqual([last.project.slug, passed?.project.slug].sort());

    // The errata: one corrected value, with its score and rank in every dimension it feeds.
    const anonymous = await api.gql<{ edition: ErrataView }>(ERRATA, { year: YEAR, revision: 2 });
    expect(anonymous.errors).toBeUndefined();
    const edition2 = anonymous.data?.edition as ErrataView;
    expect(edition2.correctionPolicy).toBe('INSERTION');
    expect(edition2.correctionCause).toBe('DISPUTE');
    expect(edition2.errata).toHaveLength(1);
    const erratum = edition2.errata[0] as ErrataView['errata'][number];
    const published2 = await api.gql<{ edition: EditionView }>(
      `{ edition(year: ${YEAR}, revision: 2) { revision publishedAt dimensions { key } } }`,
    );
    expect(erratum).toMatchObject({
      revision: 2,
      correctedRevision: 1,
      project: { slug: last.project.slug },
      indicator: target.indicator.key,
      oldValue: target.raw,
      newValue,
      cause: 'DISPUTE',
      disputeId: null,
      decidedBy: null, // personal data: admins only
      decidedAt: published2.data?.edition.publishedAt,
    });
    const expectedDimensions: ErrataView['errata'][number]['dimensions'] = [];
    for (const key of dimensions) {
      const old = (await ranking(key, 1)).find((e) => e.project.slug === last.project.slug);
      const now = (await ranking(key, 2)).find((e) => e.project.slug === last.project.slug);
      if (!now?.indicators.some((i) => i.indicator.key === target.indicator.key)) continue;
      expectedDimensions.push({
        dimension: key,
        oldScore: old?.score ?? null,
        newScore: now.score,
        oldRank: old?.rank ?? null,
        newRank: now.rank,
      });
    }
    expect(expectedDimensions.length).toBeGreaterThan(0);
    expect(erratum.dimensions).toEqual(expectedDimensions);
    const asAdmin = await api.gql<{ edition: ErrataView }>(
      ERRATA,
      { year: YEAR, revision: 2 },
      { token: admin },
    );
    expect(asAdmin.data?.edition.errata[0]?.decidedBy).toEqual({ email: 'publisher@example.org' });
    // A first revision has no errata.
    const none = await api.gql<{ edition: ErrataView }>(ERRATA, { year: YEAR, revision: 1 });
    expect(none.data?.edition).toMatchObject({ correctionPolicy: null, correctionCause: null, errata: [] });

    // The stored content hash of the INSERTION revision is reproduced.
    const ctx = createSystemContext(api.deps, 'test');
    const rows = await listEditionsOfYear(api.handle.db, YEAR);
    for (const row of rows) expect((await verifyEdition(ctx, row)).matches).toBe(true);
    // Each revision's `used` snapshot values, the correcting one too, are exactly the evidence ids
    // listed in its stored results (read back from their jsonb here, not from the compute).
    for (const row of rows) {
      const listed = await idsInResults(row.id);
      expect(listed.length).toBeGreaterThan(0);
      expect(await usedIds(row.id)).toEqual(listed);
    }

    // The old value: superseded, dated, still readable with its history.
    const evidence = await api.gql<{
      evidenceItem: {
        status: string;
        recordedAt: string;
        submittedAt: string;
        supersededAt: string;
        supersededBy: { id: string; reviewedAt: string };
        history: { id: string; status: string }[];
      };
    }>(
      `{ evidenceItem(id: "${oldEvidence.id}") { status recordedAt submittedAt supersededAt
          supersededBy { id reviewedAt } history { id status } } }`,
    );
    const old = evidence.data?.evidenceItem;
    expect(old?.status).toBe('SUPERSEDED');
    expect(old?.recordedAt).toBe(old?.submittedAt);
    expect(old?.supersededBy.id).toBe(newEvidenceId);
    expect(Date.parse(old?.supersededAt ?? '')).toBeGreaterThanOrEqual(Date.parse(old?.recordedAt ?? ''));
    expect(old?.history.map((h) => [h.id, h.status])).toEqual([
      [oldEvidence.id, 'SUPERSEDED'],
      [newEvidenceId, 'APPROVED'],
    ]);

    // Revision 3: a collection error fixed with a full recomputation (ranks of others may move).
    const second = before.find((e) => e.project.slug !== last.project.slug && e.rank > 1) as Entry;
    const secondTarget = second.indicators.find((i) => i.evidence.length === 1 && i.raw !== null);
    if (!secondTarget) throw new Error(`${second.project.slug} has no single-evidence indicator`);
    const secondEvidence = secondTarget.evidence[0] as Entry['indicators'][number]['evidence'][number];
    await correctValue(
      second.project.slug,
      secondTarget.indicator.key,
      secondEvidence.observedAt,
      secondEvidence.value + 1,
    );
    const id3 = await createComputePublish('{ policy: FULL_RECOMPUTE, cause: COLLECTION_ERROR }');
    const third = await api.gql<{ edition: ErrataView }>(ERRATA, { year: YEAR, revision: 3 });
    expect(third.data?.edition.correctionPolicy).toBe('FULL_RECOMPUTE');
    expect(
      third.data?.edition.errata.map((e) => [e.project.slug, e.indicator, e.oldValue, e.newValue, e.cause]),
    ).toEqual([
      [
        second.project.slug,
        secondTarget.indicator.key,
        secondTarget.raw,
        secondEvidence.value + 1,
        'COLLECTION_ERROR',
      ],
    ]);
    const rows3 = await listEditionsOfYear(api.handle.db, YEAR);
    expect((await verifyEdition(ctx, rows3[2] as (typeof rows3)[number])).matches).toBe(true);

    // errata.csv of revision 3 lists the corrections of revisions 2 and 3, dated.
    const dir = mkdtempSync(join(tmpdir(), 'errata-export-'));
    try {
      const row3 = rows3.find((r) => String(r.id) === id3);
      if (!row3) throw new Error('revision 3 missing');
      await exportEdition(ctx, row3, dir);
      expect(readdirSync(dir)).toContain('errata.csv');
      const records = parseCsvRecords(readFileSync(join(dir, 'errata.csv'), 'utf8'));
      expect(records.map((r) => [r.revision, r.corrected_revision, r.project, r.indicator, r.cause])).toEqual(
        [
          ...expectedDimensions.map(() => ['2', '1', last.project.slug, target.indicator.key, 'dispute']),
          ...(third.data?.edition.errata[0]?.dimensions ?? []).map(() => [
            '3',
            '2',
            second.project.slug,
            secondTarget.indicator.key,
            'collection_error',
          ]),
        ],
      );
      expect(records[0]?.new_value).toBe(String(newValue));
      expect(records[0]?.decided_at).toBe(erratum.decidedAt);
      expect(verifyExportDir(dir)).toMatchObject({ ok: true, problems: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // As published: the revision current at a time; before the first publication: NOT_FOUND.
    const times = await api.gql<{ edition: { revisions: { revision: number; publishedAt: string }[] } }>(
      `{ edition(year: ${YEAR}) { revisions { revision publishedAt } } }`,
    );
    const published = times.data?.edition.revisions ?? [];
    expect(published.map((r) => r.revision)).toEqual([1, 2, 3]);
    const at = async (asOf: string) =>
      api.gql<{ edition: { revision: number } }>(
        `query A($asOf: DateTime) { edition(year: ${YEAR}, asOf: $asOf) { revision } }`,
        {
          asOf,
        },
      );
    for (const r of published) expect((await at(r.publishedAt)).data?.edition.revision).toBe(r.revision);
    const between = new Date(Date.parse(published[1]?.publishedAt ?? '') - 1).toISOString();
    expect((await at(between)).data?.edition.revision).toBe(1);
    const early = await at('2000-01-01T00:00:00Z');
    expect(codeOf(early)).toBe('NOT_FOUND');
    expect(early.errors?.[0]?.message).toContain(published[0]?.publishedAt);
    const both = await api.gql(
      `{ edition(year: ${YEAR}, revision: 1, asOf: "2030-01-01T00:00:00Z") { revision } }`,
    );
    expect(codeOf(both)).toBe('BAD_USER_INPUT');
    expect(both.errors?.[0]?.extensions?.field).toBe('asOf');
  });

  it('keeps rejected values readable to reviewers in the history, hidden from the public', async () => {
    const first = await ranking('system', 1).catch(() => [] as Entry[]);
    const entry = first[0] ?? (await ranking((await dimensionKeys())[0] ?? '', 1))[0];
    const indicator = entry?.indicators.find((i) => i.evidence.length > 0);
    const evidence = indicator?.evidence[0];
    if (!entry || !indicator || !evidence) throw new Error('no evidenced value in 2025');
    const submitted = await api.gql<{ submitEvidence: { id: string } }>(
      `mutation S($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { id } }`,
      {
        input: {
          project: entry.project.slug,
          indicator: indicator.indicator.key,
          value: evidence.value + 7,
          observedAt: evidence.observedAt,
          sourceUrl: 'https://example.org/corrections/rejected',
          sourceKind: 'OTHER',
        },
      },
      { token: editor },
    );
    const rejectedId = submitted.data?.submitEvidence.id ?? '';
    const rejected = await api.gql(
      `mutation { reviewEvidence(id: "${rejectedId}", decision: REJECT, note: "not the project's figure") { id } }`,
      {},
      { token: reviewer },
    );
    expect(rejected.errors).toBeUndefined();
    const query = `{ evidenceItem(id: "${evidence.id}") { history { id status reviewNote } } }`;
    const forReviewer = await api.gql<{ evidenceItem: { history: { id: string; status: string }[] } }>(
      query,
      {},
      { token: reviewer },
    );
    expect(forReviewer.data?.evidenceItem.history).toContainEqual({
      id: rejectedId,
      status: 'REJECTED',
      reviewNote: "not the project's figure",
    });
    const forPublic = await api.gql<{ evidenceItem: { history: { id: string }[] } }>(query);
    expect(forPublic.data?.evidenceItem.history.map((h) => h.id)).not.toContain(rejectedId);
  });

  it('the demo correction: 2024 revision 2 (INSERTION, DISPUTE), its erratum linked to the accepted dispute; a rejected dispute with its reason', async () => {
    const ctx = createSystemContext(api.deps, 'test');
    // The default demo seed published it: publishing again returns the same revision.
    const revision2 = await publishDemoCorrection(ctx);
    expect(revision2).toMatchObject({
      year: 2024,
      revision: 2,
      status: 'published',
      correctionPolicy: 'insertion',
    });
    expect((await publishDemoCorrection(ctx)).id).toBe(revision2.id);
    const read = async () =>
      (await api.gql<{ edition: ErrataView }>(ERRATA, { year: 2024, revision: 2 })).data
        ?.edition as ErrataView;
    const before = await read();
    expect(before.correctionCause).toBe('DISPUTE');
    expect(before.errata).toHaveLength(1);
    const erratum = before.errata[0];
    expect(erratum).toMatchObject({ cause: 'DISPUTE', correctedRevision: 1 });
    expect(erratum?.newValue).toBe((erratum?.oldValue ?? Number.NaN) * 3);
    expect(erratum?.disputeId).toMatch(/^\d+$/);
    // The dispute behind it, as anyone reads it: accepted, its proposed value approved (a second
    // reviewer: the accepting one cannot approve it) and in force.
    const DISPUTE = `query D($id: ID!) { dispute(id: $id) { id status reason claim proposedValue
      project { slug } indicator { key } edition { year revision } evidence { value status } } }`;
    const accepted = await api.gql<{ dispute: Record<string, unknown> }>(DISPUTE, { id: erratum?.disputeId });
    expect(accepted.data?.dispute).toMatchObject({
      status: 'ACCEPTED',
      proposedValue: erratum?.newValue,
      project: { slug: erratum?.project.slug },
      indicator: { key: erratum?.indicator },
      edition: { year: 2024, revision: 1 },
      evidence: { value: erratum?.newValue, status: 'APPROVED' },
    });
    const listed = await api.gql<{
      edition: { disputes: { edges: { node: { id: string; status: string; reason: string | null } }[] } };
    }>(`{ edition(year: 2024, revision: 1) { disputes { edges { node { id status reason } } } } }`);
    const nodes = listed.data?.edition.disputes.edges.map((e) => e.node) ?? [];
    expect(nodes.map((n) => n.status).sort()).toEqual(['ACCEPTED', 'REJECTED']);
    const rejected = nodes.find((n) => n.status === 'REJECTED');
    expect(rejected?.reason).toBe(DEMO_REJECTION_REASON);
    const rejectedView = await api.gql<{ dispute: Record<string, unknown> }>(DISPUTE, { id: rejected?.id });
    expect(rejectedView.data?.dispute).toMatchObject({
      status: 'REJECTED',
      reason: DEMO_REJECTION_REASON,
      evidence: null,
    });
    // The demo disputes' contact address appears in no public answer.
    for (const answer of [accepted, listed, rejectedView, before])
      expect(JSON.stringify(answer)).not.toContain(DEMO_DISPUTE_CONTACT);
    // Every DISPUTE erratum of the revision is linked already: there is nothing left to link.
    await expect(linkErrataDispute(ctx, revision2.id, 43)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Any other change to a published revision's errata is refused by the database.
    const refused = await api.handle.db
      .update(editionErrata)
      .set({ newValue: 1 })
      .where(eq(editionErrata.editionId, revision2.id))
      .then(
        () => null,
        (error: unknown) => error as { message?: string; cause?: { message?: string } },
      );
    expect(`${refused?.message} ${refused?.cause?.message}`).toMatch(/published edition is read-only/);
  });

  async function dimensionKeys(): Promise<string[]> {
    const r = await api.gql<{ edition: EditionView }>(
      `{ edition(year: ${YEAR}, revision: 1) { dimensions { key } } }`,
    );
    return r.data?.edition.dimensions.map((d) => d.key) ?? [];
  }
});

describe('no code path deletes evidence', () => {
  it('the API source has no DELETE on the evidence table (the database refuses it too: RK005)', () => {
    const root = join(__dirname, '..', 'src');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, name.name);
        if (name.isDirectory()) walk(path);
        else if (name.name.endsWith('.ts')) {
          const text = readFileSync(path, 'utf8');
          if (/\.delete\(\s*evidence\s*\)|DELETE\s+FROM\s+"?evidence"?(\s|$|;)/i.test(text))
            offenders.push(path);
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});

interface ErrataView {
  revision: number;
  correctionPolicy: string | null;
  correctionCause: string | null;
  errata: {
    revision: number;
    correctedRevision: number;
    project: { slug: string };
    indicator: string;
    oldValue: number | null;
    newValue: number | null;
    cause: string | null;
    disputeId: string | null;
    decidedAt: string | null;
    recordedAt: string;
    decidedBy: { email: string } | null;
    dimensions: {
      dimension: string;
      oldScore: number | null;
      newScore: number | null;
      oldRank: number | null;
      newRank: number | null;
    }[];
  }[];
}
