/**
 * People are personal data: a user's email, name and role — who submitted or reviewed evidence, who
 * minted a key — are shown to callers with the `admin` scope, and to the signed-in user they are
 * (`viewer { user }`, one's own submissions and reviews). Every path that reaches a user is probed
 * by every kind of caller; the schema walk fails when a new path to `User` has no rule.
 */
import { expandScopes, ROLE_SCOPES, type Scope } from '@ranking/contracts';
import { testDrivers } from '@ranking/schema/testing';
import { type GraphQLNamedType, getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceContext } from '../src/context';
import { ruleOf } from '../src/graphql/field-rules';
import { buildSchema } from '../src/graphql/schema';
import { reviewEvidence, submitEvidence } from '../src/modules/evidence/service';
import { actorOfUser } from '../src/modules/users/service';
import { findUserCredentials } from '../src/modules/users/store';
import { startTestApi, type TestApi } from './helpers';

interface Caller {
  name: string;
  scopes: readonly Scope[];
  token?: string;
  /** The demo user the caller signs in as. */
  self?: string;
}

const PEOPLE = ['admin', 'editor', 'reviewer', 'publisher', 'viewer'] as const;
/** What identifies each demo user in an answer. */
const markersOf = (who: string) => [`"${who}@example.org"`, `Demo ${who[0]?.toUpperCase()}${who.slice(1)}`];

describe('people are shown to admins and to themselves only', () => {
  it('every field that leads to a User has a rule: admin-only, or the caller itself', () => {
    const schema = buildSchema();
    const reachable = new Set<string>();
    const unruled: string[] = [];
    // The types reachable without passing a field that needs `admin`.
    const walk = (type: GraphQLNamedType) => {
      if (!isObjectType(type) || reachable.has(type.name)) return;
      reachable.add(type.name);
      for (const [name, field] of Object.entries(type.getFields())) {
        const rule = ruleOf(type.name, name);
        if (rule?.scope === 'admin') continue;
        const target = getNamedType(field.type);
        if (target.name === 'User' && !(rule?.private && rule.scope === undefined))
          unruled.push(`${type.name}.${name}`);
        walk(target);
      }
    };
    for (const root of [schema.getQueryType(), schema.getMutationType()]) if (root) walk(root);
    expect(unruled).toEqual([]);
  });
});

describe.each(testDrivers())('personal data (%s)', (driver) => {
  let api: TestApi;
  const callers: Caller[] = [];
  let reviewedId = '';
  let supersededId = '';

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
    callers.push({ name: 'anonymous', scopes: ['read'] });
    for (const role of PEOPLE) {
      callers.push({
        name: `role ${role}`,
        scopes: ROLE_SCOPES[role],
        token: await api.tokenFor(role),
        self: role,
      });
    }
    // Keys minted by the admin through the API, so that each has an owner to hide.
    const adminToken = await api.tokenFor('admin');
    for (const scope of [
      'read',
      'read:drafts',
      'evidence:write',
      'evidence:review',
      'editions:manage',
      'admin',
    ] as const) {
      const minted = await api.gql<{ createApiKey: { key: string } }>(
        'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }',
        { input: { name: `owned ${scope}`, scopes: [scope.toUpperCase().replace(':', '_')] } },
        { token: adminToken },
      );
      const key = minted.data?.createApiKey.key;
      if (!key) throw new Error(JSON.stringify(minted.errors));
      callers.push({ name: `key ${scope}`, scopes: expandScopes([scope]), token: key });
    }
    const editor = await findUserCredentials(api.handle.db, 'editor@example.org');
    const reviewer = await findUserCredentials(api.handle.db, 'reviewer@example.org');
    if (!editor || !reviewer) throw new Error('demo users missing');
    const asEditor = createServiceContext(api.deps, actorOfUser(editor));
    const asReviewer = createServiceContext(api.deps, actorOfUser(reviewer));
    const base = {
      project: 'vllm',
      indicator: 'github_forks',
      sourceUrl: 'https://github.com/vllm-project/vllm?people=1',
      observedAt: '2026-11-03',
    };
    const first = await submitEvidence(asEditor, { ...base, value: 21 });
    await reviewEvidence(asReviewer, first.id, 'approve', 'ok');
    const second = await submitEvidence(asEditor, { ...base, value: 22 });
    await reviewEvidence(asReviewer, second.id, 'approve', 'ok');
    supersededId = String(first.id);
    reviewedId = String(second.id);
  }, 300_000);
  afterAll(async () => api?.close());

  const auth = (c: Caller) => (c.token ? { token: c.token } : {});
  const PERSON = 'id email name role';

  const paths = () => [
    { name: 'viewer → apiKey → owner', query: `{ viewer { apiKey { name owner { ${PERSON} } } } }` },
    {
      name: 'evidence item → submitter, reviewer',
      query: `{ evidenceItem(id: "${reviewedId}") { submittedBy { ${PERSON} } reviewedBy { ${PERSON} } } }`,
    },
    {
      name: 'evidence list (aliased, fragment)',
      query: `{ e: evidence(filter: { project: "vllm" }, first: 100) { edges { node { ...People } } } }
        fragment People on Evidence { s: submittedBy { ${PERSON} } ... on Evidence { reviewedBy { ${PERSON} } } }`,
    },
    {
      name: 'project → evidence → people',
      query: `{ project(slug: "vllm") { evidence(first: 100) { edges { node { submittedBy { ${PERSON} } reviewedBy { email } } } } } }`,
    },
    {
      name: 'organization → projects → evidence → people',
      query: `{ organization(slug: "uc-berkeley") { projects { evidence(first: 100) { edges { node { reviewedBy { ${PERSON} } } } } } } }`,
    },
    {
      name: 'superseded evidence → supersededBy → people',
      query: `{ evidenceItem(id: "${supersededId}") { supersededBy { submittedBy { email name } reviewedBy { email name } } } }`,
    },
  ];

  it('hides other people from every caller without admin, on every path', async () => {
    const shown = new Set<string>();
    for (const path of paths()) {
      for (const caller of callers) {
        const res = await api.gql(path.query, {}, auth(caller));
        expect(res.errors, `${path.name} / ${caller.name}`).toBeUndefined();
        const text = JSON.stringify(res.data);
        const others = PEOPLE.filter((p) => p !== caller.self);
        const leaked = [
          ...others.flatMap(markersOf),
          ...others.map((p) => `"role":"${p.toUpperCase()}"`),
        ].filter((m) => text.includes(m));
        if (caller.scopes.includes('admin')) {
          if (leaked.length > 0) shown.add(path.name);
          continue;
        }
        expect(leaked, `${path.name} / ${caller.name}`).toEqual([]);
      }
    }
    // The probes do reach people: every path shows them to an admin caller.
    expect([...shown]).toEqual(paths().map((p) => p.name));
  });

  it('shows signed-in users themselves: their own record, submissions and reviews', async () => {
    const editor = callers.find((c) => c.self === 'editor');
    const reviewer = callers.find((c) => c.self === 'reviewer');
    if (!editor || !reviewer) throw new Error('callers missing');
    const query = `{ viewer { user { email name role } } evidenceItem(id: "${reviewedId}") { submittedBy { email } reviewedBy { email } } }`;
    const asEditor = await api.gql<{
      viewer: { user: { email: string; role: string } };
      evidenceItem: { submittedBy: { email: string } | null; reviewedBy: unknown };
    }>(query, {}, auth(editor));
    expect(asEditor.data?.viewer.user).toMatchObject({ email: 'editor@example.org', role: 'EDITOR' });
    expect(asEditor.data?.evidenceItem).toEqual({
      submittedBy: { email: 'editor@example.org' },
      reviewedBy: null,
    });
    const asReviewer = await api.gql<{ evidenceItem: unknown }>(query, {}, auth(reviewer));
    expect(asReviewer.data?.evidenceItem).toEqual({
      submittedBy: null,
      reviewedBy: { email: 'reviewer@example.org' },
    });
  });

  it('hides the submitter in a mutation payload from a reviewer who is not admin', async () => {
    const editor = await findUserCredentials(api.handle.db, 'editor@example.org');
    if (!editor) throw new Error('no editor');
    const pending = await submitEvidence(createServiceContext(api.deps, actorOfUser(editor)), {
      project: 'vllm',
      indicator: 'github_forks',
      value: 23,
      sourceUrl: 'https://github.com/vllm-project/vllm?people=2',
      observedAt: '2026-11-04',
    });
    const res = await api.gql<{ reviewEvidence: { submittedBy: unknown; reviewedBy: { email: string } } }>(
      `mutation { reviewEvidence(id: "${pending.id}", decision: APPROVE) { submittedBy { email name } reviewedBy { email } } }`,
      {},
      { token: await api.tokenFor('reviewer') },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.reviewEvidence).toEqual({
      submittedBy: null,
      reviewedBy: { email: 'reviewer@example.org' },
    });
  });
});
