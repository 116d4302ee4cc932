/**
 * Anomaly flags (docs/data-model.md, "Anomaly flags") through the API: a value submitted, imported
 * or collected is compared with its project's accepted series (or the other projects' changes); an
 * outlier carries `Evidence.anomaly`, is found by `EvidenceFilter.flagged`, and needs a note to be
 * approved. The indicator is one of the test's own (in no methodology: counts, on the log scale), so
 * the expected numbers below are worked by hand from the series the test stores.
 */
import { evidence, evidenceAnomalies, indicators, projects } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestApi, type TestApi } from './helpers';

const INDICATOR = 'test_downloads';

const SUBMIT = `mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { id anomaly { reason score basis } } }`;
const REVIEW = `mutation($id: ID!, $decision: ReviewDecision!, $note: String) {
  reviewEvidence(id: $id, decision: $decision, note: $note) { id status anomaly { reason } } }`;
const LIST = `query($filter: EvidenceFilter!) { evidence(filter: $filter, first: 50) {
  totalCount edges { node { value project { slug } anomaly { reason score basis flaggedAt } } } } }`;

interface Listed {
  evidence: {
    totalCount: number;
    edges: {
      node: { value: number; project: { slug: string }; anomaly: { reason: string; basis: string } | null };
    }[];
  };
}

describe.each(testDrivers())('anomaly flags (%s)', (driver) => {
  let api: TestApi;
  let editor: string;
  let reviewer: string;
  let admin: string;

  /** Approved history: `values[i]` observed on the first of month i + 1 of 2026. */
  async function history(slug: string, values: number[]) {
    const [project] = await api.handle.db
      .insert(projects)
      .values({ slug, name: slug, category: 'model' })
      .returning({ id: projects.id });
    await api.handle.db.insert(evidence).values(
      values.map((value, i) => ({
        projectId: project?.id ?? 0,
        indicatorKey: INDICATOR,
        value,
        sourceUrl: `https://example.org/${slug}/${i}`,
        canonicalUrl: `https://example.org/${slug}/${i}`,
        observedAt: `2026-${String(i + 1).padStart(2, '0')}-01`,
        status: 'approved' as const,
        reviewedAt: new Date(),
      })),
    );
  }

  const submit = (slug: string, value: number, observedAt: string) =>
    api.gql<{
      submitEvidence: { id: string; anomaly: { reason: string; score: number; basis: string } | null };
    }>(
      SUBMIT,
      {
        input: {
          project: slug,
          indicator: INDICATOR,
          value,
          sourceUrl: `https://example.org/${slug}/${observedAt}`,
          observedAt,
          sourceKind: 'OTHER',
        },
      },
      { token: editor },
    );

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
    [editor, reviewer, admin] = await Promise.all([
      api.tokenFor('editor'),
      api.tokenFor('reviewer'),
      api.tokenFor('admin'),
    ]);
    await api.handle.db.insert(indicators).values({ key: INDICATOR, name: 'Test downloads' });
    // +10 % a month: changes ln(1101/1001), ln(1211/1101), ln(1332/1211) ≈ 0.0952 each; median of
    // the four values 1155.
    await history('anomaly-a', [1000, 1100, 1210, 1331]);
    await history('anomaly-c', [1000, 1100, 1210, 1331]);
    // One value only: too short to judge alone, compared with the peers.
    await history('anomaly-b', [100]);
    // Peers with two values each (latest changes ×1.1, ×1.2, ×0.9, ×1.05).
    await history('peer-1', [100, 110]);
    await history('peer-2', [100, 120]);
    await history('peer-3', [100, 90]);
    await history('peer-4', [100, 105]);
  });
  afterAll(async () => api?.close());

  it('flags an outlier submitted through the form, with a reason; an ordinary value is not flagged', async () => {
    const spike = await submit('anomaly-a', 14_000, '2026-06-01');
    expect(spike.errors).toBeUndefined();
    // (1 + 14000) / (1 + 1155) = 12.1 → "12×"; its change ln(14001/1332) = 2.35 is beyond ln 3 = 1.10.
    expect(spike.data?.submitEvidence.anomaly).toMatchObject({
      reason: 'test_downloads 14,000: 12× the median of the last 4 observations (1,155)',
      basis: 'SERIES',
    });
    expect(spike.data?.submitEvidence.anomaly?.score).toBeGreaterThan(4);
    // ×1.09 from 1331: an ordinary month.
    const ordinary = await submit('anomaly-a', 1450, '2026-05-01');
    expect(ordinary.errors).toBeUndefined();
    expect(ordinary.data?.submitEvidence.anomaly).toBeNull();

    const flagged = await api.gql<Listed>(
      LIST,
      { filter: { project: 'anomaly-a', status: ['PENDING'], flagged: true } },
      { token: reviewer },
    );
    expect(flagged.data?.evidence.edges.map((e) => e.node.value)).toEqual([14_000]);
    const unflagged = await api.gql<Listed>(
      LIST,
      { filter: { project: 'anomaly-a', status: ['PENDING'], flagged: false } },
      { token: reviewer },
    );
    expect(unflagged.data?.evidence.edges.map((e) => e.node.value)).toEqual([1450]);
  });

  it('needs a note to approve a flagged value; refused, it stays pending', async () => {
    const pending = await api.gql<{ evidence: { edges: { node: { id: string; value: number } }[] } }>(
      `query { evidence(filter: { project: "anomaly-a", status: [PENDING] }, first: 10) { edges { node { id value } } } }`,
      {},
      { token: reviewer },
    );
    const byValue = new Map((pending.data?.evidence.edges ?? []).map((e) => [e.node.value, e.node.id]));
    const spikeId = byValue.get(14_000);
    const refused = await api.gql(REVIEW, { id: spikeId, decision: 'APPROVE' }, { token: reviewer });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.field).toBe('note');
    expect(refused.errors?.[0]?.message).toContain('12× the median of the last 4 observations');
    const still = await api.gql<{ evidenceItem: { status: string } }>(
      `query($id: ID!) { evidenceItem(id: $id) { status } }`,
      { id: spikeId },
      { token: reviewer },
    );
    expect(still.data?.evidenceItem.status).toBe('PENDING');

    const approved = await api.gql<{
      reviewEvidence: { status: string; anomaly: { reason: string } | null };
    }>(
      REVIEW,
      { id: spikeId, decision: 'APPROVE', note: 'release week: confirmed on the model page' },
      { token: reviewer },
    );
    expect(approved.errors).toBeUndefined();
    expect(approved.data?.reviewEvidence).toMatchObject({
      status: 'APPROVED',
      anomaly: { reason: expect.any(String) },
    });
    // An unflagged value needs no note.
    const plain = await api.gql(REVIEW, { id: byValue.get(1450), decision: 'APPROVE' }, { token: reviewer });
    expect(plain.errors).toBeUndefined();
  });

  it('flags the outliers among the pending rows of an import, judged by the peers for a short series', async () => {
    const csv = [
      'project,indicator,value,observed_at,source_url',
      // 100 → 5000: ×49.5 ("50×") where the peers moved by about ×1.1.
      `anomaly-b,${INDICATOR},5000,2026-03-01,https://example.org/anomaly-b/import`,
      // ×1.05 from 1331: ordinary.
      `anomaly-c,${INDICATOR},1400,2026-05-01,https://example.org/anomaly-c/import`,
    ].join('\n');
    const imported = await api.gql<{ importEvidence: { inserted: number } }>(
      `mutation($csv: String!) { importEvidence(csv: $csv) { inserted } }`,
      { csv },
      { token: editor },
    );
    expect(imported.errors).toBeUndefined();
    expect(imported.data?.importEvidence.inserted).toBe(2);
    const flagged = await api.gql<Listed>(
      LIST,
      { filter: { indicator: INDICATOR, status: ['PENDING'], flagged: true } },
      { token: reviewer },
    );
    expect(flagged.data?.evidence.edges.map((e) => [e.node.project.slug, e.node.anomaly?.basis])).toEqual([
      ['anomaly-b', 'PEERS'],
    ]);
    expect(flagged.data?.evidence.edges[0]?.node.anomaly?.reason).toMatch(
      /^test_downloads 5,000: 50× the previous value \(100, 2026-01-01\), where the other projects changed by a median of /,
    );
  });

  it('flags nothing an admin imports as approved (it skips review)', async () => {
    const before = await api.count('evidence_anomalies');
    const csv = [
      'project,indicator,value,observed_at,source_url',
      `anomaly-c,${INDICATOR},900000,2026-07-01,https://example.org/anomaly-c/approved`,
    ].join('\n');
    const imported = await api.gql<{ importEvidence: { inserted: number } }>(
      `mutation($csv: String!) { importEvidence(csv: $csv, approve: true) { inserted } }`,
      { csv },
      { token: admin },
    );
    expect(imported.errors).toBeUndefined();
    expect(imported.data?.importEvidence.inserted).toBe(1);
    expect(await api.count('evidence_anomalies')).toBe(before);
  });

  it('counts the values of an edition resting on flagged evidence (Edition.valueCounts.flagged)', async () => {
    const before = await api.gql<{ edition: { valueCounts: { flagged: number } } }>(
      '{ edition(year: 2026) { valueCounts { flagged } } }',
    );
    expect(before.data?.edition.valueCounts.flagged).toBe(0);
    // One evidence value behind the top model's first measured indicator, flagged here by hand: it is
    // one project's value of one indicator, so exactly one value of the edition rests on it.
    const page = await api.gql<{
      edition: { ranking: { edges: { node: { indicators: { evidence: { id: string }[] }[] } }[] } };
    }>(
      '{ edition(year: 2026) { ranking(dimension: "model", first: 1) { edges { node { indicators { evidence { id } } } } } } }',
    );
    const id = page.data?.edition.ranking.edges[0]?.node.indicators.find((i) => i.evidence.length > 0)
      ?.evidence[0]?.id;
    expect(id).toBeDefined();
    await api.handle.db
      .insert(evidenceAnomalies)
      .values({ evidenceId: Number(id), score: 5, reason: 'test', basis: 'series' });
    const after = await api.gql<{ edition: { valueCounts: { flagged: number } } }>(
      '{ edition(year: 2026) { valueCounts { flagged } } }',
      {},
      { token: reviewer },
    );
    expect(after.data?.edition.valueCounts.flagged).toBe(1);
  });
});
