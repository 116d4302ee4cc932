/**
 * The editorial workflow end to end, over HTTP: submit → review → create a revision → compute →
 * publish (hash confirmed) → read-only; with supersession, self-review refusal and the audit log.
 */
import { editions, results } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext } from '../src/context';
import { verifyEdition } from '../src/modules/editions/compute-service';
import { findEditionsByIds } from '../src/modules/editions/store';
import { codeOf, startTestApi, type TestApi } from './helpers';

const SUBMIT = `mutation Submit($input: SubmitEvidenceInput!) {
  submitEvidence(input: $input) { id status value canonicalUrl submittedBy { email } }
}`;
const REVIEW = `mutation Review($id: ID!, $decision: ReviewDecision!, $note: String) {
  reviewEvidence(id: $id, decision: $decision, note: $note) { id status reviewNote reviewedBy { email } }
}`;

describe.each(testDrivers())('workflow (%s)', (driver) => {
  let api: TestApi;
  let editor: string;
  let reviewer: string;
  let publisher: string;
  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
    [editor, reviewer, publisher] = await Promise.all([
      api.tokenFor('editor'),
      api.tokenFor('reviewer'),
      api.tokenFor('publisher'),
    ]);
  });
  afterAll(async () => api?.close());

  it('runs submit → review → compute → publish, and the published revision is read-only', async () => {
    // 1. An editor submits a value; the URL is stored canonically.
    const submitted = await api.gql<{ submitEvidence: { id: string; status: string; canonicalUrl: string } }>(
      SUBMIT,
      {
        input: {
          project: 'vllm',
          indicator: 'github_stars',
          value: 99_000_000,
          sourceUrl: 'HTTPS://GitHub.com/vllm-project/vllm/?utm_source=test#readme',
          observedAt: '2026-11-20',
          sourceKind: 'GITHUB',
        },
      },
      { token: editor },
    );
    expect(submitted.errors).toBeUndefined();
    const evidenceId = submitted.data?.submitEvidence.id ?? '';
    expect(submitted.data?.submitEvidence.status).toBe('PENDING');
    expect(submitted.data?.submitEvidence.canonicalUrl).toBe('https://github.com/vllm-project/vllm');

    // Pending evidence is invisible to anonymous callers, visible with read:drafts.
    const anonymous = await api.gql<{ evidenceItem: null }>(`{ evidenceItem(id: "${evidenceId}") { id } }`);
    expect(anonymous.data?.evidenceItem).toBeNull();

    // 2. A reviewer rejects without a note → BAD_USER_INPUT; approves → APPROVED.
    const noNote = await api.gql(REVIEW, { id: evidenceId, decision: 'REJECT' }, { token: reviewer });
    expect(codeOf(noNote)).toBe('BAD_USER_INPUT');
    const approved = await api.gql<{ reviewEvidence: { status: string; reviewedBy: { email: string } } }>(
      REVIEW,
      { id: evidenceId, decision: 'APPROVE', note: 'checked' },
      { token: reviewer },
    );
    expect(approved.errors).toBeUndefined();
    expect(approved.data?.reviewEvidence.status).toBe('APPROVED');
    const twice = await api.gql(REVIEW, { id: evidenceId, decision: 'APPROVE' }, { token: reviewer });
    expect(codeOf(twice)).toBe('CONFLICT');

    // 3. A publisher creates revision 2 of 2026 (revision 1 is published) and computes it.
    const created = await api.gql<{
      createEdition: { id: string; year: number; revision: number; status: string };
    }>(
      `mutation { createEdition(input: { year: 2026, title: "2026, corrected", cutoff: "2026-11-30" }) { id year revision status } }`,
      {},
      { token: publisher },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createEdition).toMatchObject({ year: 2026, revision: 2, status: 'DRAFT' });
    const id = created.data?.createEdition.id ?? '';
    const another = await api.gql(
      `mutation { createEdition(input: { year: 2026, title: "again", cutoff: "2026-11-30" }) { id } }`,
      {},
      { token: publisher },
    );
    expect(codeOf(another)).toBe('CONFLICT');

    const computed = await api.gql<{ computeEdition: { status: string; contentHash: string } }>(
      `mutation { computeEdition(id: "${id}") { status contentHash } }`,
      {},
      { token: publisher },
    );
    expect(computed.errors).toBeUndefined();
    expect(computed.data?.computeEdition.status).toBe('COMPUTED');
    const hash = computed.data?.computeEdition.contentHash ?? '';

    // The draft is visible with read:drafts and uses the new value.
    const draft = await api.gql<{
      edition: {
        revision: number;
        status: string;
        ranking: {
          edges: {
            node: {
              rank: number;
              indicators: { indicator: { key: string }; raw: number; evidence: { id: string }[] }[];
            };
          }[];
        };
      };
    }>(
      `{ edition(year: 2026) { revision status ranking(dimension: "system", first: 1, filter: { search: "vllm" }) {
        edges { node { rank indicators { indicator { key } raw evidence { id } } } } } } }`,
      {},
      { token: publisher },
    );
    expect(draft.data?.edition.revision).toBe(2);
    const stars = draft.data?.edition.ranking.edges[0]?.node.indicators.find(
      (i) => i.indicator.key === 'github_stars',
    );
    expect(stars?.raw).toBe(99_000_000);
    expect(stars?.evidence.map((e) => e.id)).toContain(evidenceId);
    // Anonymous readers still get revision 1.
    const publicView = await api.gql<{ edition: { revision: number } }>(
      '{ edition(year: 2026) { revision } }',
    );
    expect(publicView.data?.edition.revision).toBe(1);

    // Recomputing replaces the results with the same hash.
    const recomputed = await api.gql<{ computeEdition: { contentHash: string } }>(
      `mutation { computeEdition(id: "${id}") { contentHash } }`,
      {},
      { token: publisher },
    );
    expect(recomputed.data?.computeEdition.contentHash).toBe(hash);

    // 4. Publishing needs the audited hash.
    const stale = await api.gql(
      `mutation { publishEdition(id: "${id}", contentHash: "${'0'.repeat(64)}") { status } }`,
      {},
      { token: publisher },
    );
    expect(codeOf(stale)).toBe('CONFLICT');
    const published = await api.gql<{ publishEdition: { status: string; publishedAt: string } }>(
      `mutation { publishEdition(id: "${id}", contentHash: "${hash}") { status publishedAt } }`,
      {},
      { token: publisher },
    );
    expect(published.errors).toBeUndefined();
    expect(published.data?.publishEdition.status).toBe('PUBLISHED');

    // 5. Revision 2 is now the default; revision 1 stays queryable.
    const now = await api.gql<{
      latest: { revision: number; isDefaultRevision: boolean };
      first: { revision: number; isDefaultRevision: boolean };
    }>(
      '{ latest: edition(year: 2026) { revision isDefaultRevision } first: edition(year: 2026, revision: 1) { revision isDefaultRevision } }',
    );
    expect(now.data?.latest).toEqual({ revision: 2, isDefaultRevision: true });
    expect(now.data?.first).toEqual({ revision: 1, isDefaultRevision: false });

    // 6. Read-only: the service refuses, and so does the database itself.
    const again = await api.gql(
      `mutation { computeEdition(id: "${id}") { status } }`,
      {},
      { token: publisher },
    );
    expect(codeOf(again)).toBe('CONFLICT');
    await expect(
      api.handle.db
        .update(results)
        .set({ score: 0 })
        .where(eq(results.editionId, Number(id))),
    ).rejects.toThrow();
    await expect(
      api.handle.db
        .update(editions)
        .set({ title: 'x' })
        .where(eq(editions.id, Number(id))),
    ).rejects.toThrow();

    // 7. The stored snapshot reproduces the hash (`ranking verify`).
    const [row] = await findEditionsByIds(api.handle.db, [Number(id)]);
    const check = await verifyEdition(createSystemContext(api.deps), row!);
    expect(check.matches).toBe(true);

    // 8. Every step is in the audit log, in the same request.
    const audit = await api.gql<{
      auditLog: {
        edges: {
          node: { action: string; entityId: string; requestId: string; actorLabel: string; hash: string };
        }[];
      };
    }>(
      '{ auditLog(first: 20) { edges { node { action entityType entityId requestId actorLabel hash } } } }',
      {},
      { token: await api.tokenFor('admin') },
    );
    const actions = audit.data?.auditLog.edges.map((e) => e.node.action) ?? [];
    for (const action of [
      'evidence.submit',
      'evidence.approve',
      'edition.create',
      'edition.compute',
      'edition.publish',
    ]) {
      expect(actions).toContain(action);
    }
    const submitEntry = audit.data?.auditLog.edges.find((e) => e.node.action === 'evidence.submit')?.node;
    expect(submitEntry?.actorLabel).toBe('editor@example.org');
    expect(submitEntry?.entityId).toBe(evidenceId);
    expect(submitEntry?.requestId).toBeTruthy();
    expect(submitEntry?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('supersedes the approved value of the same project, indicator and date', async () => {
    const input = {
      project: 'olmo',
      indicator: 'hf_likes',
      sourceUrl: 'https://huggingface.co/allenai/OLMo-7B',
      observedAt: '2026-11-21',
    };
    const a = await api.gql<{ submitEvidence: { id: string } }>(
      SUBMIT,
      { input: { ...input, value: 10 } },
      { token: editor },
    );
    const b = await api.gql<{ submitEvidence: { id: string } }>(
      SUBMIT,
      { input: { ...input, value: 12 } },
      { token: editor },
    );
    const first = a.data?.submitEvidence.id;
    const second = b.data?.submitEvidence.id;
    expect(first && second).toBeTruthy();
    // Far below the demo's likes for OLMo, both values arrive flagged as anomalies: a note is needed.
    await api.gql(REVIEW, { id: first, decision: 'APPROVE', note: 'checked' }, { token: reviewer });
    await api.gql(REVIEW, { id: second, decision: 'APPROVE', note: 'checked' }, { token: reviewer });
    const res = await api.gql<{ a: { status: string; supersededBy: { id: string } }; b: { status: string } }>(
      `{ a: evidenceItem(id: "${first}") { status supersededBy { id } } b: evidenceItem(id: "${second}") { status } }`,
    );
    expect(res.data?.a).toEqual({ status: 'SUPERSEDED', supersededBy: { id: second } });
    expect(res.data?.b.status).toBe('APPROVED');
  });

  it('refuses self-review and rejects with a note', async () => {
    const admin = await api.tokenFor('admin');
    const mine = await api.gql<{ submitEvidence: { id: string } }>(
      SUBMIT,
      {
        input: {
          project: 'olmo',
          indicator: 'hf_likes',
          value: 1,
          sourceUrl: 'https://example.org/self',
          observedAt: '2026-11-01',
        },
      },
      { token: admin },
    );
    const id = mine.data?.submitEvidence.id;
    const self = await api.gql(REVIEW, { id, decision: 'APPROVE' }, { token: admin });
    expect(codeOf(self)).toBe('FORBIDDEN');
    const rejected = await api.gql<{ reviewEvidence: { status: string; reviewNote: string } }>(
      REVIEW,
      { id, decision: 'REJECT', note: 'not a real source' },
      { token: reviewer },
    );
    expect(rejected.data?.reviewEvidence).toMatchObject({
      status: 'REJECTED',
      reviewNote: 'not a real source',
    });
  });
});
