/**
 * A mutation reported as failed has not committed: a payload that selects a field the caller may
 * not read is refused before the mutation runs, naming the field, and the database is unchanged.
 * The mutations are enumerated from the schema: every mutation needs a read rule in the table, and
 * every mutation whose payload can reach a field its own scope does not allow needs a case here.
 */
import { expandScopes, type Scope } from '@ranking/contracts';
import { testDrivers } from '@ranking/schema/testing';
import {
  type GraphQLNamedType,
  getNamedType,
  isObjectType,
  Kind,
  parse,
  print,
  type VariableDefinitionNode,
  visit,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext } from '../src/context';
import { ruleOf } from '../src/graphql/field-rules';
import { buildSchema } from '../src/graphql/schema';
import { startCollection } from '../src/modules/collection/service';
import { submitDispute } from '../src/modules/disputes/service';
import { computeEdition } from '../src/modules/editions/compute-service';
import { createEdition } from '../src/modules/editions/lifecycle-service';
import { getEdition } from '../src/modules/editions/visibility-service';
import { submitEvidence } from '../src/modules/evidence/service';
import { createProject } from '../src/modules/projects/service';
import { fingerprint } from './hardening/support';
import { codeOf, startTestApi, type TestApi } from './helpers';

const schema = buildSchema();
const mutationFields = schema.getMutationType()?.getFields() ?? {};

/** The scope a mutation needs, from the table. */
function scopeOf(mutation: string): Scope | undefined {
  return ruleOf('Mutation', mutation)?.scope;
}

/** `Type.field`s with a `refuse` rule that the payload of `mutation` can reach and its scope does not allow. */
function unreadableInPayload(mutation: string): string[] {
  const field = mutationFields[mutation];
  if (!field) return [];
  const allowed = expandScopes(scopeOf(mutation) ? [scopeOf(mutation) as Scope] : []);
  const found = new Set<string>();
  const seen = new Set<string>();
  const walk = (type: GraphQLNamedType) => {
    if (!isObjectType(type) || seen.has(type.name)) return;
    seen.add(type.name);
    for (const [name, child] of Object.entries(type.getFields())) {
      const rule = ruleOf(type.name, name);
      if (rule?.scope && rule.otherwise === 'refuse' && !allowed.includes(rule.scope))
        found.add(`${type.name}.${name}`);
      walk(getNamedType(child.type));
    }
  };
  walk(getNamedType(field.type));
  return [...found].sort();
}

/** The document without variable definitions it no longer uses. */
function withoutUnusedVariables(query: string): string {
  const used = new Set<string>();
  const document = parse(query);
  visit(document, {
    Variable: (node, _key, parent) => {
      if (!(parent && 'kind' in parent && parent.kind === Kind.VARIABLE_DEFINITION))
        used.add(node.name.value);
    },
  });
  return print(
    visit(document, {
      [Kind.VARIABLE_DEFINITION]: (node: VariableDefinitionNode) =>
        used.has(node.variable.name.value) ? undefined : null,
    }),
  );
}

interface Case {
  /** The mutation, selecting `refused` somewhere in its payload (`$sel` is replaced). */
  query: string;
  variables?: () => Record<string, unknown>;
  /** The refused field's path of response keys. */
  path: string;
  /** The caller's key scopes, when the mutation's rule names none (default: the rule's scope). */
  scopes?: Scope[];
  /** Waits for what the successful mutation set going in the background, before the next case. */
  settle?: () => Promise<void>;
}

const EVIDENCE_INPUT = (value: number) => ({
  project: 'vllm',
  indicator: 'github_stars',
  value,
  sourceUrl: `https://github.com/vllm-project/vllm?payload=${value}`,
  observedAt: '2026-10-01',
});

describe.each(testDrivers())('mutation payloads are checked before the mutation runs (%s)', (driver) => {
  let api: TestApi;
  const ids: Record<string, string> = {};

  const CASES: Record<string, Case> = {
    submitEvidence: {
      // Through a variable.
      query: `mutation($input: SubmitEvidenceInput!, $hidden: [EvidenceStatus!]) {
        submitEvidence(input: $input) { id project { evidence(filter: { status: $hidden }) { totalCount } } } }`,
      variables: () => ({ input: EVIDENCE_INPUT(91), hidden: ['PENDING'] }),
      path: 'submitEvidence.project.evidence',
    },
    reviewEvidence: {
      // Through an alias.
      query: `mutation { r: reviewEvidence(id: "$pending1", decision: APPROVE, note: "checked") {
        id project { e: evidence(filter: { status: [REJECTED] }) { totalCount } } } }`,
      path: 'r.project.e',
    },
    reviewEvidenceBatch: {
      // Through a named fragment, included by a variable.
      query: `mutation($yes: Boolean!) { reviewEvidenceBatch(ids: ["$pending2"], decision: APPROVE, note: "checked") { id ...P } }
        fragment P on Evidence { project { evidence(filter: { status: [PENDING] }) @include(if: $yes) { totalCount } } }`,
      variables: () => ({ yes: true }),
      path: 'reviewEvidenceBatch.project.evidence',
    },
    createProject: {
      // Through an inline fragment.
      query: `mutation { createProject(input: { slug: "payload-check", name: "Payload check", category: MODEL, organizations: ["uc-berkeley"] }) {
        id ... on Project { evidence(filter: { status: [PENDING] }) { totalCount } } } }`,
      path: 'createProject.evidence',
    },
    updateProject: {
      query: `mutation { updateProject(slug: "vllm", input: { license: "Apache-2.0 (checked)" }) {
        id evidence(filter: { status: [PENDING, APPROVED] }) { totalCount } } }`,
      path: 'updateProject.evidence',
    },
    createOrganization: {
      query: `mutation { createOrganization(input: { slug: "payload-org", name: "Payload org", kind: LAB }) {
        id projects { evidence(filter: { status: [REJECTED] }) { totalCount } } } }`,
      path: 'createOrganization.projects.evidence',
    },
    updateOrganization: {
      query: `mutation { updateOrganization(slug: "uc-berkeley", input: { url: "https://vllm.ai/checked" }) {
        id projects { evidence(filter: { status: [PENDING] }) { totalCount } } } }`,
      path: 'updateOrganization.projects.evidence',
    },
    createEdition: {
      query: `mutation { createEdition(input: { year: 2033, title: "Payload 2033", cutoff: "2026-11-30" }) {
        id ranking(dimension: "system") { edges { node { project { evidence(filter: { status: [PENDING] }) { totalCount } } } } } } }`,
      path: 'createEdition.ranking.edges.node.project.evidence',
    },
    computeEdition: {
      query: `mutation { computeEdition(id: "$draft") {
        id ranking(dimension: "system", first: 2) { edges { node { project { evidence(filter: { status: [PENDING] }) { totalCount } } } } } } }`,
      path: 'computeEdition.ranking.edges.node.project.evidence',
    },
    submitDispute: {
      // A key of an institution: it submits without a contact, and does not read drafts.
      query: `mutation($input: SubmitDisputeInput!) {
        submitDispute(input: $input) { id project { evidence(filter: { status: [PENDING] }) { totalCount } } } }`,
      variables: () => ({
        input: { edition: ids.edition, project: 'vllm', indicator: 'github_stars', claim: 'Payload check' },
      }),
      path: 'submitDispute.project.evidence',
      scopes: ['disputes:write'],
    },
    acceptDispute: {
      query: `mutation { acceptDispute(id: "$dispute1", reason: "checked") {
        id project { evidence(filter: { status: [PENDING] }) { totalCount } } } }`,
      path: 'acceptDispute.project.evidence',
    },
    rejectDispute: {
      query: `mutation { rejectDispute(id: "$dispute2", reason: "checked") {
        id evidence { project { evidence(filter: { status: [REJECTED] }) { totalCount } } } } }`,
      path: 'rejectDispute.evidence.project.evidence',
    },
    withdrawDispute: {
      // The submitter's token is all it takes: a key that only reads.
      query: `mutation { withdrawDispute(id: "$dispute3", token: "$token3") {
        id project { evidence(filter: { status: [PENDING] }) { totalCount } } } }`,
      path: 'withdrawDispute.project.evidence',
      scopes: ['read'],
    },
    startCollection: {
      // A project without source identifiers: the run ends at once, asking no upstream service.
      query: `mutation { startCollection(input: { sources: ["pypi"], projects: ["payload-nosources"] }) {
        id evidence(first: 1) { edges { node { project { evidence(filter: { status: [PENDING] }) { totalCount } } } } } } }`,
      path: 'startCollection.evidence.edges.node.project.evidence',
      // The run goes on after the answer: the next case's "nothing written" must not see it end.
      settle: async () => {
        const deadline = Date.now() + 60_000;
        while (
          (await api.count(`collection_runs where status in ('queued', 'running') and id <> ${ids.run}`)) > 0
        ) {
          if (Date.now() > deadline) throw new Error('the started collection run did not end within 60 s');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
    },
    cancelCollection: {
      query: `mutation { cancelCollection(id: "$run") {
        id evidence(first: 1) { edges { node { project { evidence(filter: { status: [PENDING] }) { totalCount } } } } } } }`,
      path: 'cancelCollection.evidence.edges.node.project.evidence',
    },
    setProjectSources: {
      query: `mutation { setProjectSources(project: "vllm", sources: [{ kind: GITHUB, identifier: "vllm-project/vllm" }, { kind: PYPI, identifier: "vllm-payload-check" }]) {
        id evidence(filter: { status: [PENDING] }) { totalCount } } }`,
      path: 'setProjectSources.evidence',
    },
    setProjectContacts: {
      query: `mutation { setProjectContacts(project: "vllm", contacts: [{ email: "payload-check@example.org" }]) {
        id evidence(filter: { status: [PENDING] }) { totalCount } } }`,
      path: 'setProjectContacts.evidence',
    },
    publishEdition: {
      query: `mutation { publishEdition(id: "$computed", contentHash: "$hash") {
        id ranking(dimension: "system", first: 2) { edges { node { project { evidence(filter: { status: [PENDING] }) { totalCount } } } } } } }`,
      path: 'publishEdition.ranking.edges.node.project.evidence',
    },
    setEditionDoi: {
      query: `mutation { setEditionDoi(id: "$draft", doi: "10.5281/zenodo.7000001") {
        id ranking(dimension: "system", first: 2) { edges { node { project { evidence(filter: { status: [PENDING] }) { totalCount } } } } } } }`,
      path: 'setEditionDoi.ranking.edges.node.project.evidence',
    },
  };

  const fill = (text: string) =>
    text.replace(
      /\$(pending1|pending2|draft|computed|hash|dispute1|dispute2|dispute3|token3|run)\b/g,
      (_, k) => ids[k] ?? k,
    );

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
    const system = createSystemContext(api.deps, 'test');
    ids.pending1 = String((await submitEvidence(system, EVIDENCE_INPUT(81))).id);
    ids.pending2 = String((await submitEvidence(system, EVIDENCE_INPUT(82))).id);
    ids.draft = String(
      (await createEdition(system, { year: 2031, title: 'Draft', cutoff: '2026-11-30' })).id,
    );
    const computed = await createEdition(system, { year: 2032, title: 'Computed', cutoff: '2026-11-30' });
    const done = await computeEdition(system, computed.id);
    ids.computed = String(done.id);
    ids.hash = done.contentHash ?? '';
    const published = await getEdition(system, 2026);
    ids.edition = String(published?.id);
    await createProject(system, {
      slug: 'payload-nosources',
      name: 'Payload without sources',
      category: 'model',
      organizations: ['uc-berkeley'],
    });
    // Queued only: the service records the run, nothing executes it.
    ids.run = String(
      (await startCollection(system, { sources: ['pypi'], projects: ['payload-nosources'] })).id,
    );
    for (const n of [1, 2, 3]) {
      const dispute = await submitDispute(system, {
        edition: ids.edition,
        project: 'vllm',
        indicator: 'github_stars',
        claim: `Dispute ${n}`,
      });
      ids[`dispute${n}`] = String(dispute.id);
      ids[`token${n}`] = dispute.withdrawalToken ?? '';
    }
  }, 300_000);
  afterAll(async () => api?.close());

  it('has a read rule for every mutation in the schema', () => {
    const missing = Object.keys(mutationFields).filter((name) => ruleOf('Mutation', name) === undefined);
    expect(missing).toEqual([]);
  });

  it('has a case for every mutation whose payload reaches a field its scope may not read', () => {
    const needed = Object.keys(mutationFields).filter((name) => unreadableInPayload(name).length > 0);
    expect(needed.sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.keys(CASES))(
    '%s: refused before it runs, naming the field; nothing written; the same mutation without it succeeds',
    async (name) => {
      const c = CASES[name] as Case;
      const scope = scopeOf(name) as Scope;
      const token = await api.keyWith(c.scopes ?? [scope], `payload-${name}`);
      const before = await fingerprint(api);
      const res = await api.gql(fill(c.query), c.variables?.() ?? {}, { token });
      expect(codeOf(res), JSON.stringify(res.errors)).toBe('FORBIDDEN');
      expect(res.status).toBe(403);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.field).toBe(c.path);
      expect(res.errors?.[0]?.message).toContain('read:drafts');
      expect(await fingerprint(api), 'nothing written').toEqual(before);

      // The case is a real write: without the unreadable field it goes through.
      const plain = withoutUnusedVariables(fill(c.query).replace(/\{\s*id\b[\s\S]*$/, '{ id } }'));
      const ok = await api.gql(plain, c.variables?.() ?? {}, { token });
      expect(ok.errors, plain).toBeUndefined();
      expect(await fingerprint(api)).not.toEqual(before);
      await c.settle?.();
    },
    120_000,
  );

  it('refuses a document whose second mutation is not allowed before the first one runs', async () => {
    const token = await api.tokenFor('editor');
    const before = await fingerprint(api);
    const res = await api.gql(
      `mutation($input: SubmitEvidenceInput!) {
        a: submitEvidence(input: $input) { id }
        b: createApiKey(input: { name: "sneaky", scopes: [ADMIN] }) { key } }`,
      { input: EVIDENCE_INPUT(93) },
      { token },
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.extensions?.field).toBe('b');
    expect(res.data ?? null).toBeNull();
    expect(await fingerprint(api)).toEqual(before);
  });

  it('lets a caller with the read scope select the same fields', async () => {
    const token = await api.tokenFor('publisher');
    const res = await api.gql(
      `mutation { updateProject(slug: "vllm", input: { license: "Apache-2.0" }) { id evidence(filter: { status: [PENDING] }) { totalCount } } }`,
      {},
      { token },
    );
    expect(res.errors).toBeUndefined();
  });

  it('checks queries the same way before they run', async () => {
    const res = await api.gql(
      'query($s: [EvidenceStatus!]) { a: viewer { kind } b: evidence(filter: { status: $s }) { totalCount } }',
      {
        s: ['REJECTED'],
      },
    );
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.field).toBe('b');
    const skipped = await api.gql(
      'query($s: [EvidenceStatus!], $no: Boolean!) { evidence(filter: { status: $s }) @skip(if: $no) { totalCount } }',
      { s: ['REJECTED'], no: true },
    );
    expect(skipped.errors).toBeUndefined();
  });
});
