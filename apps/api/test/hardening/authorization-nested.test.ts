/**
 * Authorisation beyond the top-level fields (test/authorization.test.ts covers those): drafts,
 * pending and rejected evidence, users and review notes reached through nested paths and aliases,
 * and mutation payloads that nest into protected data. Every caller — anonymous, each role, each key
 * scope — runs every probe; without `read:drafts` no response may contain a marker of hidden data,
 * and with it, responses that show drafts must not be publicly cacheable.
 */
import { expandScopes, ROLE_SCOPES, type Scope } from '@ranking/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceContext, createSystemContext } from '../../src/context';
import { computeEdition } from '../../src/modules/editions/compute-service';
import { createEdition } from '../../src/modules/editions/lifecycle-service';
import { reviewEvidence, submitEvidence } from '../../src/modules/evidence/service';
import { actorOfUser } from '../../src/modules/users/service';
import { findUserCredentials } from '../../src/modules/users/store';
import { codeOf, startTestApi, type TestApi } from '../helpers';
import { primaryDriver } from './support';

interface Caller {
  name: string;
  scopes: readonly Scope[];
  token?: string;
}

const SECRET_NOTE = 'hidden-review-note-7f3a';
const PENDING_NOTE = 'hidden-pending-note-91c2';

/** Probes that reach hidden data through nesting or aliases; `$P` is the pending evidence id. */
const NESTED_READS: { name: string; query: string }[] = [
  {
    name: 'project → evidence (default filter)',
    query:
      '{ project(slug: "vllm") { evidence(first: 100) { edges { node { id status note reviewNote submittedBy { email } } } } } }',
  },
  {
    name: 'project → evidence (pending, aliased)',
    query:
      '{ p: project(slug: "vllm") { e: evidence(filter: { status: [PENDING, REJECTED] }) { totalCount edges { node { id note } } } } }',
  },
  {
    name: 'organization → projects → evidence',
    query:
      '{ organization(slug: "uc-berkeley") { projects { slug evidence(first: 100) { edges { node { id status note reviewNote reviewedBy { email } } } } } } }',
  },
  {
    name: 'organizations → projects → results of unpublished revisions',
    query:
      '{ organizations(first: 100) { edges { node { projects { results(year: 2026, revision: 2) { rank score } r27: results(year: 2027) { rank } } } } } }',
  },
  {
    name: 'project → results of a computed, unpublished revision',
    query:
      '{ project(slug: "vllm") { a: results(year: 2026, revision: 2) { rank score } b: results { rank score } } }',
  },
  {
    name: 'edition → revisions (drafts)',
    query: '{ edition(year: 2026, revision: 1) { revisions { id revision status contentHash } } }',
  },
  {
    name: 'editions → ranking of every visible revision',
    query:
      '{ editions(allRevisions: true) { id year revision status ranking(dimension: "system", first: 3) { totalCount } } }',
  },
  {
    name: 'edition(year, revision) of an unpublished revision, aliased',
    query:
      '{ a: edition(year: 2026, revision: 2) { id status ranking(dimension: "system") { totalCount } } b: edition(year: 2027) { id status } }',
  },
  {
    name: 'published ranking → indicators → evidence → people',
    query:
      '{ edition(year: 2026, revision: 1) { ranking(dimension: "system", first: 5) { edges { node { indicators { evidence { id status submittedBy { email } reviewedBy { email } reviewNote } } } } } } }',
  },
  {
    name: 'evidence list, every status, aliased',
    query:
      '{ a: evidence(first: 100) { edges { node { id status note reviewNote submittedBy { email role } } } } b: evidence(filter: { project: "vllm" }, first: 100) { edges { node { id status } } } }',
  },
  {
    name: 'evidence item by id (pending) and its links',
    query:
      '{ a: evidenceItem(id: "$P") { id note } b: evidenceItem(id: "$S") { id supersededBy { id status note } reviewNote } }',
  },
  {
    name: 'evidence → project → evidence (pending, nested twice)',
    query:
      '{ evidence(first: 3) { edges { node { project { evidence(filter: { status: [PENDING] }) { edges { node { id note } } } } } } } }',
  },
  {
    name: 'viewer → apiKey → owner',
    query: '{ viewer { kind user { email } apiKey { name owner { email role } } } }',
  },
];

/** Admin-only data through aliases and fragments. */
const ADMIN_READS = [
  '{ u: users { edges { node { email role } } } }',
  '{ ...F } fragment F on Query { k: apiKeys(includeRevoked: true) { prefix owner { email } } }',
  '{ a: auditLog(first: 5) { edges { node { action before after } } } b: viewer { kind } }',
  '{ ... on Query { auditLog(filter: { entityType: "user" }) { totalCount } } }',
];

/** Mutations whose payload nests into protected data, by a caller allowed the mutation itself. */
const NESTED_MUTATION = `mutation {
  submitEvidence(input: { project: "vllm", indicator: "github_stars", value: 77, sourceUrl: "https://github.com/vllm-project/vllm?nested=1", observedAt: "2026-10-01" }) {
    id status
    project { evidence(filter: { status: [PENDING, REJECTED] }) { edges { node { id note } } } }
  }
}`;

describe('authorization through nesting and aliases', () => {
  let api: TestApi;
  const callers: Caller[] = [];
  const markers: string[] = [];
  let pendingId = '';
  let supersededId = '';

  beforeAll(async () => {
    api = await startTestApi(primaryDriver(), { seed: true });
    callers.push({ name: 'anonymous', scopes: ['read'] });
    for (const role of ['viewer', 'editor', 'reviewer', 'publisher', 'admin'] as const) {
      callers.push({ name: `role ${role}`, scopes: ROLE_SCOPES[role], token: await api.tokenFor(role) });
    }
    for (const scope of [
      'read',
      'read:drafts',
      'evidence:write',
      'evidence:review',
      'editions:manage',
      'admin',
    ] as const) {
      callers.push({
        name: `key ${scope}`,
        scopes: expandScopes([scope]),
        token: await api.keyWith([scope]),
      });
    }
    const system = createSystemContext(api.deps, 'test');
    // A computed but unpublished correction of 2026 (revision 2) and a draft 2027.
    const revision2 = await createEdition(system, { year: 2026, title: 'Correction', cutoff: '2026-11-30' });
    await computeEdition(system, revision2.id);
    const draft = await createEdition(system, { year: 2027, title: 'Draft 2027', cutoff: '2027-11-30' });
    const editor = await findUserCredentials(api.handle.db, 'editor@example.org');
    const reviewer = await findUserCredentials(api.handle.db, 'reviewer@example.org');
    if (!editor || !reviewer) throw new Error('demo users missing');
    const asEditor = createServiceContext(api.deps, actorOfUser(editor));
    const asReviewer = createServiceContext(api.deps, actorOfUser(reviewer));
    const base = {
      project: 'vllm',
      indicator: 'github_forks',
      sourceUrl: 'https://github.com/vllm-project/vllm',
      observedAt: '2026-11-02',
    };
    pendingId = String((await submitEvidence(asEditor, { ...base, value: 11, note: PENDING_NOTE })).id);
    const rejected = await submitEvidence(asEditor, { ...base, value: 12 });
    await reviewEvidence(asReviewer, rejected.id, 'reject', SECRET_NOTE);
    const first = await submitEvidence(asEditor, { ...base, value: 13 });
    await reviewEvidence(asReviewer, first.id, 'approve', 'ok');
    const second = await submitEvidence(asEditor, { ...base, value: 14 });
    await reviewEvidence(asReviewer, second.id, 'approve', 'ok');
    supersededId = String(first.id);
    // The demo's published evidence was seeded without people; give the 2026 edition's the people
    // and review note a real workflow leaves, so the probes through published rankings can find them.
    await api.handle.db.execute(
      sql`update evidence set submitted_by = ${editor.id}, reviewed_by = ${reviewer.id}, review_note = ${SECRET_NOTE}
          where id in (select evidence_id from edition_evidence where edition_id =
            (select id from editions where year = 2026 and revision = 1))`,
    );
    markers.push(
      PENDING_NOTE,
      SECRET_NOTE,
      'editor@example.org',
      'reviewer@example.org',
      '"DRAFT"',
      '"COMPUTED"',
      '"PENDING"',
      '"REJECTED"',
      `"${pendingId}"`,
      `"${rejected.id}"`,
      `"${revision2.id}"`,
      `"${draft.id}"`,
    );
  });
  afterAll(async () => api?.close());

  const auth = (c: Caller) => (c.token ? { token: c.token } : {});

  it(`hides drafts, pending evidence, notes and people on ${NESTED_READS.length} nested and aliased paths`, async () => {
    // Probes that show a caller with read:drafts more than they show anonymous callers: proof that
    // the probe reaches hidden data, so clean answers to everyone else mean it was withheld, not
    // that the probe finds nothing (as an organization slug that does not exist would).
    const reached = new Set<string>();
    let anonymousText = '';
    for (const probe of NESTED_READS) {
      const query = probe.query.replace('$P', pendingId).replace('$S', supersededId);
      for (const caller of callers) {
        const res = await api.gql(query, {}, auth(caller));
        const text = JSON.stringify(res.data ?? null);
        if (caller.name === 'anonymous') anonymousText = text;
        expect(res.status, `${probe.name} / ${caller.name}`).toBeLessThan(500);
        if (caller.scopes.includes('read:drafts')) {
          if (res.errors === undefined && text !== anonymousText) reached.add(probe.name);
          if (res.errors === undefined && markers.some((m) => text.includes(m)))
            expect(res.headers.get('cache-control'), `${probe.name} / ${caller.name}`).toBe(
              'private, no-store',
            );
          continue;
        }
        // Without read:drafts: either refused, answered as missing (a draft edition the caller may
        // not see is NOT_FOUND, like one that does not exist), or nothing hidden in the data.
        const leaked = markers.filter((m) => text.includes(m));
        expect(leaked, `${probe.name} / ${caller.name}`).toEqual([]);
        if (res.errors) expect(['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND']).toContain(codeOf(res));
      }
    }
    expect(NESTED_READS.map((p) => p.name).filter((name) => !reached.has(name))).toEqual([]);
  });

  it('shows the hidden data to callers with read:drafts (the probes do reach it)', async () => {
    const viewer = callers.find((c) => c.name === 'role viewer');
    if (!viewer) throw new Error('no viewer');
    const res = await api.gql(NESTED_READS[1]?.query ?? '', {}, auth(viewer));
    expect(JSON.stringify(res.data)).toContain(PENDING_NOTE);
    const revision = await api.gql(NESTED_READS[7]?.query ?? '', {}, auth(viewer));
    expect(JSON.stringify(revision.data)).toContain('"COMPUTED"');
  });

  it('keeps admin-only data from everyone else, through aliases and fragments', async () => {
    for (const query of ADMIN_READS) {
      for (const caller of callers) {
        const res = await api.gql(query, {}, auth(caller));
        if (caller.scopes.includes('admin')) expect(res.errors, `${query} / ${caller.name}`).toBeUndefined();
        else {
          expect(codeOf(res), `${query} / ${caller.name}`).toBe(
            caller.token ? 'FORBIDDEN' : 'UNAUTHENTICATED',
          );
          expect(JSON.stringify(res.data ?? null)).not.toMatch(/@example\.org|"action"/);
        }
      }
    }
  });

  it('refuses nested protected data in a mutation payload to a key without read:drafts', async () => {
    const writer = callers.find((c) => c.name === 'key evidence:write');
    if (!writer?.token) throw new Error('no writer key');
    const res = await api.gql(NESTED_MUTATION, {}, { token: writer.token });
    expect(JSON.stringify(res.data ?? null)).not.toContain(PENDING_NOTE);
    expect(res.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
  });

  it('authorises every aliased copy of a mutation separately; the first refusal stops the rest', async () => {
    const editor = callers.find((c) => c.name === 'role editor');
    if (!editor?.token) throw new Error('no editor');
    const before = [await api.count('users'), await api.count('api_keys')];
    for (const query of [
      `mutation {
        b: createUser(input: { email: "sneaky@example.org", name: "x", role: ADMIN, password: "long-enough-1" }) { id }
        c: createApiKey(input: { name: "sneaky", scopes: [ADMIN] }) { key }
      }`,
      `mutation {
        c: createApiKey(input: { name: "sneaky", scopes: [ADMIN] }) { key }
        d: updateUser(id: "1", input: { role: ADMIN }) { id }
      }`,
    ]) {
      const res = await api.gql(query, {}, { token: editor.token });
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    expect([await api.count('users'), await api.count('api_keys')]).toEqual(before);
  });
});
