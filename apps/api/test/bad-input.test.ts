/**
 * Bad input for every mutation: the right code (and field), and nothing written — row counts of
 * every table and of the audit log are the same before and after.
 */
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, type GraphQLResponse, startTestApi, type TestApi } from './helpers';

const TABLES = [
  'evidence',
  'audit_log',
  'projects',
  'project_organizations',
  'organizations',
  'editions',
  'results',
  'edition_evidence',
  'api_keys',
  'users',
  'methodologies',
  'indicators',
];

const SUBMIT = 'mutation S($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { id } }';
const GOOD_EVIDENCE = {
  project: 'vllm',
  indicator: 'github_stars',
  value: 1234,
  sourceUrl: 'https://github.com/vllm-project/vllm',
  observedAt: '2026-11-10',
};

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  code: string;
  field?: string;
  /** Send this raw JSON body instead (for numbers JSON cannot spell, like 1e999). */
  rawBody?: string;
}

describe.each(testDrivers())('bad input (%s)', (driver) => {
  let api: TestApi;
  let admin: string;
  let pendingId = '';
  let publishedId = '';
  let draftId = '';

  const counts = async () =>
    Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await api.count(t)] as const)));

  const send = async (c: Case): Promise<GraphQLResponse> => {
    if (!c.rawBody) return api.gql(c.query, c.variables ?? {}, { token: admin });
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: c.rawBody,
    });
    const body = (await response.json()) as GraphQLResponse;
    return { ...body, status: response.status, headers: response.headers };
  };

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
    admin = await api.tokenFor('admin');
    const editor = await api.tokenFor('editor');
    const submitted = await api.gql<{ submitEvidence: { id: string } }>(
      SUBMIT,
      { input: GOOD_EVIDENCE },
      { token: editor },
    );
    pendingId = submitted.data?.submitEvidence.id ?? '';
    const published = await api.gql<{ edition: { id: string } }>('{ edition(year: 2025) { id } }');
    publishedId = published.data?.edition.id ?? '';
    const draft = await api.gql<{ createEdition: { id: string } }>(
      'mutation { createEdition(input: { year: 2027, title: "Draft", cutoff: "2026-11-30" }) { id } }',
      {},
      { token: admin },
    );
    draftId = draft.data?.createEdition.id ?? '';
    expect(pendingId && publishedId && draftId).toBeTruthy();
  });
  afterAll(async () => api?.close());

  const evidence = (patch: Record<string, unknown>) => ({
    query: SUBMIT,
    variables: { input: { ...GOOD_EVIDENCE, ...patch } },
  });
  const cases = (): Case[] => [
    {
      name: 'submitEvidence: not a URL',
      ...evidence({ sourceUrl: 'not a url' }),
      code: 'BAD_USER_INPUT',
      field: 'sourceUrl',
    },
    {
      name: 'submitEvidence: non-http URL',
      ...evidence({ sourceUrl: 'ftp://example.org/data' }),
      code: 'BAD_USER_INPUT',
      field: 'sourceUrl',
    },
    {
      name: 'submitEvidence: javascript URL',
      ...evidence({ sourceUrl: 'javascript:alert(1)' }),
      code: 'BAD_USER_INPUT',
      field: 'sourceUrl',
    },
    {
      name: 'submitEvidence: NaN value',
      ...evidence({ value: 'NaN' }),
      code: 'BAD_USER_INPUT',
      field: 'value',
    },
    {
      name: 'submitEvidence: infinite value (1e999 in JSON variables)',
      query: SUBMIT,
      rawBody: `{"query":${JSON.stringify(SUBMIT)},"variables":{"input":${JSON.stringify(GOOD_EVIDENCE).replace('"value":1234', '"value":1e999')}}}`,
      code: 'BAD_USER_INPUT',
      field: 'value',
    },
    {
      name: 'submitEvidence: infinite value (1e999 literal)',
      query: `mutation { submitEvidence(input: { project: "vllm", indicator: "github_stars", value: 1e999, sourceUrl: "https://example.org/x", observedAt: "2026-11-01" }) { id } }`,
      code: 'BAD_USER_INPUT',
      field: 'value',
    },
    {
      name: 'submitEvidence: unknown project',
      ...evidence({ project: 'no-such-project' }),
      code: 'BAD_USER_INPUT',
      field: 'project',
    },
    {
      name: 'submitEvidence: unknown indicator',
      ...evidence({ indicator: 'no_such_indicator' }),
      code: 'BAD_USER_INPUT',
      field: 'indicator',
    },
    {
      name: 'submitEvidence: observed in the future',
      ...evidence({ observedAt: '2099-01-01' }),
      code: 'BAD_USER_INPUT',
      field: 'observedAt',
    },
    {
      name: 'submitEvidence: impossible date',
      ...evidence({ observedAt: '2026-02-30' }),
      code: 'BAD_USER_INPUT',
      field: 'observedAt',
    },
    {
      name: 'submitEvidence: duplicate (same URL modulo tracking and case)',
      ...evidence({ sourceUrl: 'HTTPS://GITHUB.COM/vllm-project/vllm/?utm_campaign=x' }),
      code: 'CONFLICT',
    },
    {
      name: 'reviewEvidence: malformed id',
      query: 'mutation { reviewEvidence(id: "abc", decision: APPROVE) { id } }',
      code: 'BAD_USER_INPUT',
      field: 'id',
    },
    {
      name: 'reviewEvidence: unknown id',
      query: 'mutation { reviewEvidence(id: "99999999", decision: APPROVE) { id } }',
      code: 'NOT_FOUND',
    },
    {
      name: 'reviewEvidence: reject without a note',
      query: `mutation { reviewEvidence(id: "${pendingId}", decision: REJECT, note: "  ") { id } }`,
      code: 'BAD_USER_INPUT',
      field: 'note',
    },
    {
      name: 'createProject: bad slug',
      query:
        'mutation { createProject(input: { slug: "Bad Slug", name: "X", category: MODEL, organizations: [] }) { id } }',
      code: 'BAD_USER_INPUT',
      field: 'slug',
    },
    {
      name: 'createProject: unknown organization',
      query:
        'mutation { createProject(input: { slug: "new-project", name: "X", category: MODEL, organizations: ["no-such-org"] }) { id } }',
      code: 'BAD_USER_INPUT',
      field: 'organizations',
    },
    {
      name: 'createProject: non-http repository URL',
      query:
        'mutation { createProject(input: { slug: "new-project", name: "X", category: MODEL, organizations: [], repositoryUrl: "ftp://x.org" }) { id } }',
      code: 'BAD_USER_INPUT',
      field: 'repositoryUrl',
    },
    {
      name: 'createProject: bad first release',
      query:
        'mutation { createProject(input: { slug: "new-project", name: "X", category: MODEL, organizations: [], firstRelease: "2024-13" }) { id } }',
      code: 'BAD_USER_INPUT',
      field: 'firstRelease',
    },
    {
      name: 'createProject: unknown category',
      query:
        'mutation P($c: Category!) { createProject(input: { slug: "new-project", name: "X", category: $c, organizations: [] }) { id } }',
      variables: { c: 'ROBOTICS' },
      code: 'BAD_USER_INPUT',
    },
    {
      name: 'createProject: existing slug',
      query:
        'mutation { createProject(input: { slug: "vllm", name: "X", category: SYSTEM, organizations: [] }) { id } }',
      code: 'CONFLICT',
    },
    {
      name: 'updateProject: unknown project',
      query: 'mutation { updateProject(slug: "no-such-project", input: { name: "X" }) { id } }',
      code: 'NOT_FOUND',
    },
    {
      name: 'updateProject: empty name',
      query: 'mutation { updateProject(slug: "vllm", input: { name: "   " }) { id } }',
      code: 'BAD_USER_INPUT',
      field: 'name',
    },
    {
      name: 'createOrganization: bad country',
      query:
        'mutation { createOrganization(input: { slug: "new-org", name: "X", kind: LAB, country: "USA" }) { id } }',
      code: 'BAD_USER_INPUT',
      field: 'country',
    },
    {
      name: 'createOrganization: bad URL',
      query:
        'mutation { createOrganization(input: { slug: "new-org", name: "X", kind: LAB, url: "mailto:x@y.z" }) { id } }',
      code: 'BAD_USER_INPUT',
      field: 'url',
    },
    {
      name: 'updateOrganization: unknown organization',
      query: 'mutation { updateOrganization(slug: "no-such-org", input: { name: "X" }) { id } }',
      code: 'NOT_FOUND',
    },
    {
      name: 'createEdition: year out of range',
      query: 'mutation { createEdition(input: { year: 1999, title: "X", cutoff: "1999-12-31" }) { id } }',
      code: 'BAD_USER_INPUT',
      field: 'year',
    },
    {
      name: 'createEdition: empty title',
      query: 'mutation { createEdition(input: { year: 2030, title: " ", cutoff: "2030-12-31" }) { id } }',
      code: 'BAD_USER_INPUT',
      field: 'title',
    },
    {
      name: 'createEdition: impossible cutoff',
      query: 'mutation E($input: CreateEditionInput!) { createEdition(input: $input) { id } }',
      variables: { input: { year: 2030, title: 'X', cutoff: '2030-02-30' } },
      code: 'BAD_USER_INPUT',
      field: 'cutoff',
    },
    {
      name: 'createEdition: unknown methodology',
      query:
        'mutation { createEdition(input: { year: 2030, title: "X", cutoff: "2030-12-31", methodologyVersion: "0.0" }) { id } }',
      code: 'BAD_USER_INPUT',
      field: 'methodologyVersion',
    },
    {
      name: 'createEdition: unpublished revision exists',
      query: 'mutation { createEdition(input: { year: 2027, title: "X", cutoff: "2026-11-30" }) { id } }',
      code: 'CONFLICT',
    },
    {
      name: 'computeEdition: unknown edition',
      query: 'mutation { computeEdition(id: "999999") { id } }',
      code: 'NOT_FOUND',
    },
    {
      name: 'computeEdition: published edition',
      query: `mutation { computeEdition(id: "${publishedId}") { id } }`,
      code: 'CONFLICT',
    },
    {
      name: 'publishEdition: stale hash',
      query: `mutation { publishEdition(id: "${publishedId}", contentHash: "${'a'.repeat(64)}") { id } }`,
      code: 'CONFLICT',
    },
    {
      name: 'publishEdition: not computed',
      query: `mutation { publishEdition(id: "${draftId}", contentHash: "${'a'.repeat(64)}") { id } }`,
      code: 'CONFLICT',
    },
    {
      name: 'publishEdition: malformed hash',
      query: `mutation { publishEdition(id: "${draftId}", contentHash: "abc") { id } }`,
      code: 'BAD_USER_INPUT',
      field: 'contentHash',
    },
    {
      name: 'createApiKey: no scopes',
      query: 'mutation { createApiKey(input: { name: "k", scopes: [] }) { key } }',
      code: 'BAD_USER_INPUT',
      field: 'scopes',
    },
    {
      name: 'createApiKey: empty name',
      query: 'mutation { createApiKey(input: { name: "", scopes: [READ] }) { key } }',
      code: 'BAD_USER_INPUT',
      field: 'name',
    },
    {
      name: 'revokeApiKey: unknown key',
      query: 'mutation { revokeApiKey(id: "999999") { id } }',
      code: 'NOT_FOUND',
    },
    {
      name: 'createUser: bad email',
      query:
        'mutation { createUser(input: { email: "nobody", name: "X", role: VIEWER, password: "long-enough" }) { id } }',
      code: 'BAD_USER_INPUT',
      field: 'email',
    },
    {
      name: 'createUser: short password',
      query:
        'mutation { createUser(input: { email: "new@example.org", name: "X", role: VIEWER, password: "short" }) { id } }',
      code: 'BAD_USER_INPUT',
      field: 'password',
    },
    {
      name: 'createUser: existing email (any case)',
      query:
        'mutation { createUser(input: { email: "EDITOR@example.org", name: "X", role: VIEWER, password: "long-enough" }) { id } }',
      code: 'CONFLICT',
    },
    {
      name: 'updateUser: unknown user',
      query: 'mutation { updateUser(id: "999999", input: { name: "X" }) { id } }',
      code: 'NOT_FOUND',
    },
    {
      name: 'signIn: wrong password',
      query: 'mutation { signIn(email: "viewer@example.org", password: "wrong-password") { token } }',
      code: 'UNAUTHENTICATED',
    },
  ];

  it('answers every bad input with its code and field, and writes nothing', async () => {
    for (const c of cases()) {
      const before = await counts();
      const res = await send(c);
      expect(codeOf(res), `${c.name}: ${JSON.stringify(res.errors)}`).toBe(c.code);
      if (c.field) expect(res.errors?.[0]?.extensions?.field, c.name).toBe(c.field);
      expect(await counts(), c.name).toEqual(before);
    }
  });

  it('returns methodology problems with JSON paths and stores nothing', async () => {
    const before = await counts();
    const res = await api.gql<{
      uploadMethodology: { methodology: null; problems: { path: string; message: string }[] };
    }>(
      'mutation U($d: String!) { uploadMethodology(document: $d) { methodology { id } problems { path message } } }',
      {
        d: JSON.stringify({
          id: 'm',
          version: '1',
          title: 'M',
          indicators: [{ key: 'a', name: 'A', transform: 'cube' }],
          dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'a' }] }],
          extra: true,
        }),
      },
      { token: admin },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.uploadMethodology.methodology).toBeNull();
    const paths = res.data?.uploadMethodology.problems.map((p) => p.path) ?? [];
    expect(paths).toContain('$.indicators[0].transform');
    expect(paths.some((p) => p.startsWith('$'))).toBe(true);
    const yaml = await api.gql<{ uploadMethodology: { problems: unknown[] } }>(
      'mutation { uploadMethodology(document: "id: [unclosed") { problems { path message } } }',
      {},
      { token: admin },
    );
    expect(yaml.data?.uploadMethodology.problems.length).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
  });

  it('stores a valid methodology once and refuses another document under its version', async () => {
    const doc = {
      id: 'tiny',
      version: '1.0',
      title: 'Tiny',
      indicators: [{ key: 'github_stars', name: 'Stars' }],
      dimensions: [{ key: 'all', name: 'All', children: [{ indicator: 'github_stars' }] }],
    };
    const upload = (d: unknown) =>
      api.gql<{
        uploadMethodology: { methodology: { id: string; version: string } | null; problems: unknown[] };
      }>(
        'mutation U($d: String!) { uploadMethodology(document: $d) { methodology { id version } problems { path } } }',
        { d: JSON.stringify(d) },
        { token: admin },
      );
    const ok = await upload(doc);
    expect(ok.data?.uploadMethodology.methodology).toEqual({ id: 'tiny', version: '1.0' });
    const before = await counts();
    const clash = await upload({ ...doc, title: 'Another' });
    expect(codeOf(clash)).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
  });

  it('lets nobody disable or demote themselves', async () => {
    const me = await api.gql<{ viewer: { user: { id: string } } }>(
      '{ viewer { user { id } } }',
      {},
      { token: admin },
    );
    const before = await counts();
    const res = await api.gql(
      `mutation { updateUser(id: "${me.data?.viewer.user.id}", input: { role: VIEWER }) { id } }`,
      {},
      { token: admin },
    );
    expect(codeOf(res)).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
  });
});
