/**
 * Answers that depend on who asks are never publicly cacheable: a selection with a field the read
 * rules mark private (people, review notes, the viewer) makes the whole answer `private, no-store`
 * and keeps it out of the in-process response cache, whoever asks and whatever the data. And an
 * anonymous `evidenceItem` answers a hidden id exactly as it answers a missing one.
 */
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceContext, createSystemContext } from '../src/context';
import { reviewEvidence, submitEvidence } from '../src/modules/evidence/service';
import { actorOfUser } from '../src/modules/users/service';
import { findUserCredentials } from '../src/modules/users/store';
import { startTestApi, type TestApi } from './helpers';

describe.each(testDrivers())('caching of answers that depend on who asks (%s)', (driver) => {
  let api: TestApi;
  let reviewedId = '';
  let pendingId = '';

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
    const editor = await findUserCredentials(api.handle.db, 'editor@example.org');
    const reviewer = await findUserCredentials(api.handle.db, 'reviewer@example.org');
    if (!editor || !reviewer) throw new Error('demo users missing');
    const base = {
      project: 'vllm',
      indicator: 'github_forks',
      sourceUrl: 'https://github.com/vllm-project/vllm?cache=1',
      observedAt: '2026-11-05',
    };
    const reviewed = await submitEvidence(createServiceContext(api.deps, actorOfUser(editor)), {
      ...base,
      value: 31,
    });
    await reviewEvidence(
      createServiceContext(api.deps, actorOfUser(reviewer)),
      reviewed.id,
      'approve',
      'checked',
    );
    reviewedId = String(reviewed.id);
    pendingId = String((await submitEvidence(createSystemContext(api.deps), { ...base, value: 32 })).id);
  }, 300_000);
  afterAll(async () => api?.close());

  const DETAILS = ['submittedBy { email }', 'reviewedBy { email }', 'reviewNote'];

  it.each(DETAILS)('an answer selecting %s is private, no-store for every caller', async (field) => {
    const adminKey = await api.keyWith(['admin']);
    const queries = [
      `{ evidenceItem(id: "${reviewedId}") { id ${field} } }`,
      `{ edition(year: 2026, revision: 1) { ranking(dimension: "system", first: 2) { edges { node { indicators { evidence { id ${field} } } } } } } }`,
      `{ project(slug: "vllm") { evidence(first: 3) { edges { node { ...F } } } } } fragment F on Evidence { id ${field} }`,
    ];
    for (const query of queries) {
      for (const token of [undefined, adminKey]) {
        const kept = api.deps.responseCache.size;
        const res = await api.gql(query, {}, token ? { token } : {});
        expect(res.errors, query).toBeUndefined();
        expect(res.headers.get('cache-control'), `${query} ${token ? 'admin key' : 'anonymous'}`).toBe(
          'private, no-store',
        );
        expect(res.headers.get('etag')).toBeNull();
        expect(api.deps.responseCache.size, 'not kept by the response cache').toBe(kept);
      }
    }
  });

  it('the admin sees the reviewer in that private answer (the field does depend on who asks)', async () => {
    const res = await api.gql<{ evidenceItem: { reviewedBy: { email: string } } }>(
      `{ evidenceItem(id: "${reviewedId}") { reviewedBy { email } } }`,
      {},
      { token: await api.keyWith(['admin']) },
    );
    expect(res.data?.evidenceItem.reviewedBy.email).toBe('reviewer@example.org');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('a @skip-ped private field does not make the answer private', async () => {
    const res = await api.gql(
      `query($no: Boolean!) { evidenceItem(id: "${reviewedId}") { id reviewNote @skip(if: $no) } }`,
      { no: true },
    );
    expect(res.errors).toBeUndefined();
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
  });

  it('answers an anonymous evidenceItem of a hidden id exactly as one of a missing id', async () => {
    const ask = (id: string) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          query: 'query($id: ID!) { evidenceItem(id: $id) { id value } }',
          variables: { id },
        }),
      });
    const missingId = '987654321';
    const hidden = await ask(pendingId);
    const missing = await ask(missingId);
    const shape = async (response: Response) => ({
      status: response.status,
      body: await response.text(),
      headers: Object.fromEntries(
        ['cache-control', 'etag', 'content-type', 'vary'].map((name) => [name, response.headers.get(name)]),
      ),
    });
    const [a, b] = [await shape(hidden), await shape(missing)];
    expect(a.body).toBe('{"data":{"evidenceItem":null}}\n');
    expect(a).toEqual(b);
  });
});
