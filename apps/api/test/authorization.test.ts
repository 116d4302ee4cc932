/**
 * The authorisation matrix: every mutation and every draft-only or admin-only read, for anonymous
 * callers, each role (admin-app tokens) and each API key scope. A permitted caller gets past the
 * scope check (the probes then fail on purpose with NOT_FOUND / BAD_USER_INPUT, so nothing is written);
 * a refused one gets UNAUTHENTICATED (anonymous) or FORBIDDEN.
 */
import { expandScopes, ROLE_SCOPES, type Scope } from '@ranking/contracts';
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceContext, createSystemContext } from '../src/context';
import { createEdition } from '../src/modules/editions/lifecycle-service';
import { reviewEvidence, submitEvidence } from '../src/modules/evidence/service';
import { actorOfUser } from '../src/modules/users/service';
import { findUserCredentials } from '../src/modules/users/store';
import { codeOf, startTestApi, type TestApi } from './helpers';

interface Caller {
  name: string;
  scopes: readonly Scope[];
  token?: string;
}

const MUTATIONS: { name: string; scope: Scope; query: string }[] = [
  {
    name: 'submitEvidence',
    scope: 'evidence:write',
    query: `mutation { submitEvidence(input: { project: "no-such-project", indicator: "github_stars", value: 1, sourceUrl: "https://example.org", observedAt: "2026-01-01" }) { id } }`,
  },
  {
    name: 'reviewEvidence',
    scope: 'evidence:review',
    query: 'mutation { reviewEvidence(id: "999999999", decision: APPROVE) { id } }',
  },
  {
    name: 'createProject',
    scope: 'evidence:write',
    query:
      'mutation { createProject(input: { slug: "Bad Slug", name: "x", category: MODEL, organizations: [] }) { id } }',
  },
  {
    name: 'updateProject',
    scope: 'evidence:write',
    query: 'mutation { updateProject(slug: "no-such-project", input: { name: "x" }) { id } }',
  },
  {
    name: 'createOrganization',
    scope: 'evidence:write',
    query: 'mutation { createOrganization(input: { slug: "Bad Slug", name: "x", kind: LAB }) { id } }',
  },
  {
    name: 'updateOrganization',
    scope: 'evidence:write',
    query: 'mutation { updateOrganization(slug: "no-such-org", input: { name: "x" }) { id } }',
  },
  {
    name: 'createEdition',
    scope: 'editions:manage',
    query: 'mutation { createEdition(input: { year: 1900, title: "x", cutoff: "1900-12-31" }) { id } }',
  },
  {
    name: 'computeEdition',
    scope: 'editions:manage',
    query: 'mutation { computeEdition(id: "999999") { id } }',
  },
  {
    name: 'publishEdition',
    scope: 'editions:manage',
    query: `mutation { publishEdition(id: "999999", contentHash: "${'0'.repeat(64)}") { id } }`,
  },
  {
    name: 'setEditionDoi',
    scope: 'editions:manage',
    query: 'mutation { setEditionDoi(id: "999999", doi: "10.5281/zenodo.1") { id } }',
  },
  {
    name: 'uploadMethodology',
    scope: 'editions:manage',
    query: 'mutation { uploadMethodology(document: "{}") { problems { path message } } }',
  },
  {
    name: 'createApiKey',
    scope: 'admin',
    query: 'mutation { createApiKey(input: { name: " ", scopes: [READ] }) { key } }',
  },
  { name: 'revokeApiKey', scope: 'admin', query: 'mutation { revokeApiKey(id: "999999") { id } }' },
  {
    name: 'createUser',
    scope: 'admin',
    query:
      'mutation { createUser(input: { email: "not-an-address", name: "x", role: VIEWER, password: "long-enough" }) { id } }',
  },
  {
    name: 'updateUser',
    scope: 'admin',
    query: 'mutation { updateUser(id: "999999", input: { name: "x" }) { id } }',
  },
];

const SCOPE_LIST: Scope[] = [
  'read',
  'read:drafts',
  'evidence:write',
  'evidence:review',
  'editions:manage',
  'admin',
];

describe.each(testDrivers())('authorization (%s)', (driver) => {
  let api: TestApi;
  const callers: Caller[] = [];
  let pendingId = '';
  let reviewedId = '';
  const before: Record<string, number> = {};

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
    callers.push({ name: 'anonymous', scopes: ['read'] });
    for (const role of ['viewer', 'editor', 'reviewer', 'publisher', 'admin'] as const) {
      callers.push({ name: `role ${role}`, scopes: ROLE_SCOPES[role], token: await api.tokenFor(role) });
    }
    for (const scope of SCOPE_LIST) {
      callers.push({
        name: `key ${scope}`,
        scopes: expandScopes([scope]),
        token: await api.keyWith([scope]),
      });
    }
    // Draft-only data: a draft edition, a pending and a reviewed piece of evidence with their people.
    const system = createSystemContext(api.deps, 'test');
    await createEdition(system, { year: 2027, title: 'Draft 2027', cutoff: '2026-11-30' });
    const editorUser = await findUserCredentials(api.handle.db, 'editor@example.org');
    const reviewerUser = await findUserCredentials(api.handle.db, 'reviewer@example.org');
    const asEditor = createServiceContext(api.deps, actorOfUser(editorUser!));
    const asReviewer = createServiceContext(api.deps, actorOfUser(reviewerUser!));
    const input = {
      project: 'vllm',
      indicator: 'github_forks',
      sourceUrl: 'https://github.com/vllm-project/vllm',
      observedAt: '2026-11-02',
    };
    pendingId = String((await submitEvidence(asEditor, { ...input, value: 1 })).id);
    const reviewed = await submitEvidence(asEditor, { ...input, value: 2 });
    await reviewEvidence(asReviewer, reviewed.id, 'approve', 'fine');
    reviewedId = String(reviewed.id);
    for (const table of [
      'evidence',
      'audit_log',
      'projects',
      'organizations',
      'editions',
      'api_keys',
      'users',
      'methodologies',
    ]) {
      before[table] = await api.count(table);
    }
  });
  afterAll(async () => api?.close());

  describe.each(MUTATIONS)('$name needs $scope', ({ scope, query }) => {
    it('is refused without the scope and reaches validation with it', async () => {
      for (const caller of callers) {
        const res = await api.gql(query, {}, caller.token ? { token: caller.token } : {});
        const allowed = caller.scopes.includes(scope);
        const code = codeOf(res);
        if (allowed) {
          expect(
            [undefined, 'NOT_FOUND', 'BAD_USER_INPUT'],
            `${caller.name}: ${JSON.stringify(res.errors)}`,
          ).toContain(code);
        } else {
          expect(code, caller.name).toBe(caller.token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
        }
      }
    });
  });

  it('wrote nothing while probing', async () => {
    for (const [table, count] of Object.entries(before)) expect(await api.count(table), table).toBe(count);
  });

  const draftReads: {
    name: string;
    query: string | (() => string);
    visible: (d: Record<string, unknown>) => boolean;
    /** Hidden is answered NOT_FOUND (as a year nobody has), not with null data. */
    hiddenAsNotFound?: boolean;
  }[] = [
    {
      name: 'a draft edition',
      query: '{ edition(year: 2027) { id status } }',
      visible: (d: Record<string, unknown>) => d.edition != null,
      hiddenAsNotFound: true,
    },
    {
      name: 'drafts in the edition list',
      query: '{ editions(allRevisions: true) { year status } }',
      visible: (d: Record<string, unknown>) =>
        (d.editions as { year: number }[]).some((e) => e.year === 2027),
    },
    {
      name: 'pending evidence by id',
      query: () => `{ evidenceItem(id: "${pendingId}") { id } }`,
      visible: (d: Record<string, unknown>) => d.evidenceItem !== null,
    },
    {
      name: 'review notes',
      query: () => `{ evidenceItem(id: "${reviewedId}") { reviewNote } }`,
      visible: (d: Record<string, unknown>) =>
        (d.evidenceItem as { reviewNote: unknown }).reviewNote !== null,
    },
  ];

  it.each(draftReads)(
    'shows $name only to callers with read:drafts',
    async ({ query, visible, hiddenAsNotFound }) => {
      for (const caller of callers) {
        const text = typeof query === 'function' ? query() : query;
        const res = await api.gql(text, {}, caller.token ? { token: caller.token } : {});
        const mayRead = caller.scopes.includes('read:drafts');
        if (hiddenAsNotFound && !mayRead) {
          expect(codeOf(res), caller.name).toBe('NOT_FOUND');
          continue;
        }
        expect(res.errors, caller.name).toBeUndefined();
        expect(visible(res.data ?? {}), caller.name).toBe(mayRead);
      }
    },
  );

  it('shows who submitted evidence to admins and to the submitter only (personal data)', async () => {
    for (const caller of callers) {
      const res = await api.gql<{ evidenceItem: { submittedBy: unknown } }>(
        `{ evidenceItem(id: "${reviewedId}") { submittedBy { email } } }`,
        {},
        caller.token ? { token: caller.token } : {},
      );
      expect(res.errors, caller.name).toBeUndefined();
      const shown = res.data?.evidenceItem.submittedBy !== null;
      expect(shown, caller.name).toBe(caller.scopes.includes('admin') || caller.name === 'role editor');
    }
  });

  it('refuses listing pending evidence without read:drafts', async () => {
    for (const caller of callers) {
      const res = await api.gql(
        '{ evidence(filter: { status: [PENDING] }) { totalCount } }',
        {},
        caller.token ? { token: caller.token } : {},
      );
      if (caller.scopes.includes('read:drafts')) expect(res.errors, caller.name).toBeUndefined();
      else expect(codeOf(res), caller.name).toBe(caller.token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
    }
  });

  it.each(['{ users { totalCount } }', '{ apiKeys { id } }', '{ auditLog { totalCount } }'])(
    'allows %s to admins only',
    async (query) => {
      for (const caller of callers) {
        const res = await api.gql(query, {}, caller.token ? { token: caller.token } : {});
        if (caller.scopes.includes('admin')) expect(res.errors, caller.name).toBeUndefined();
        else expect(codeOf(res), caller.name).toBe(caller.token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      }
    },
  );

  it('tells every caller who it is', async () => {
    for (const caller of callers) {
      const res = await api.gql<{ viewer: { kind: string; scopes: string[] } }>(
        '{ viewer { kind scopes apiKey { name prefix } user { email role } } }',
        {},
        caller.token ? { token: caller.token } : {},
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.viewer.scopes.length).toBe(caller.scopes.length);
    }
  });

  it('refuses malformed, forged and expired credentials with 401', async () => {
    for (const token of [
      'not-a-token',
      'rk_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'eyJhbGciOiJIUzI1NiJ9.e30.sig',
    ]) {
      const res = await api.gql('{ viewer { kind } }', {}, { token });
      expect(res.status).toBe(401);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    }
    const basic = await api.gql(
      '{ viewer { kind } }',
      {},
      { headers: { authorization: 'Basic Zm9vOmJhcg==' } },
    );
    expect(basic.status).toBe(401);
  });
});
