/**
 * `setProjectSources`: an editor replaces a project's source identifiers in one transaction, checked
 * by the rule `ranking sources import` uses; each bad entry is refused with its path
 * (`sources[I].identifier`) and the valid form, and leaves the sources and the audit log as they were;
 * a repeated entry is refused at its later index; roles without `evidence:write` are refused; a change
 * writes one audit entry with the lists before and after.
 */
import { queryRows } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

const SET = `mutation Set($project: String!, $sources: [ProjectSourceInput!]!) {
  setProjectSources(project: $project, sources: $sources) { slug sources { kind identifier } }
}`;
const READ = '{ project(slug: "deepseek-v3") { sources { kind identifier } } }';

type Source = { kind: string; identifier: string };
type SetAnswer = { setProjectSources: { slug: string; sources: Source[] } };

describe.each(testDrivers())('setProjectSources (%s)', (driver) => {
  let api: TestApi;
  let editor = '';
  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
    editor = await api.tokenFor('editor');
  }, 600_000);
  afterAll(async () => {
    await api?.close();
  });

  const read = async () => (await api.gql<{ project: { sources: Source[] } }>(READ)).data?.project.sources;
  const auditRows = () =>
    queryRows<{ entity_id: string; actor_label: string; before: unknown; after: unknown }>(
      api.handle.db,
      sql`SELECT entity_id, actor_label, before, after FROM audit_log WHERE action = 'project.sources' ORDER BY id`,
    );

  it('refuses each bad entry with its path and the valid form, writing nothing', async () => {
    const before = await read();
    // The catalog's identifiers (migration 0010 / the seed).
    expect(before).toEqual([
      { kind: 'GITHUB', identifier: 'deepseek-ai/DeepSeek-V3' },
      { kind: 'HUGGINGFACE_MODEL', identifier: 'deepseek-ai/DeepSeek-V3' },
    ]);
    const audit = await api.count('audit_log');
    const good = { kind: 'GITHUB', identifier: 'deepseek-ai/DeepSeek-V3' };
    const cases: { bad: Source; form: string }[] = [
      { bad: { kind: 'GITHUB', identifier: 'not a repo' }, form: 'must be OWNER/REPO for kind github' },
      { bad: { kind: 'GITHUB', identifier: 'deepseek-ai' }, form: 'must be OWNER/REPO for kind github' },
      { bad: { kind: 'GITHUB', identifier: '   ' }, form: 'must be OWNER/REPO for kind github' },
      {
        bad: { kind: 'HUGGINGFACE_MODEL', identifier: 'a/b/c' },
        form: 'must be ORG/NAME or ORG for kind huggingface_model',
      },
      {
        bad: { kind: 'HUGGINGFACE_DATASET', identifier: 'https://example.org/x' },
        form: 'must be ORG/NAME or ORG for kind huggingface_dataset',
      },
      // A collection's slug ends with its 24-hex-digit id; a model's page is not a collection's.
      {
        bad: { kind: 'HUGGINGFACE_COLLECTION', identifier: 'Qwen/qwen25' },
        form: 'must be NAMESPACE/SLUG-ID for kind huggingface_collection',
      },
      {
        bad: { kind: 'HUGGINGFACE_COLLECTION', identifier: 'https://huggingface.co/Qwen/Qwen2.5-7B' },
        form: 'must be NAMESPACE/SLUG-ID for kind huggingface_collection',
      },
      { bad: { kind: 'PYPI', identifier: 'vllm-' }, form: 'must be a PyPI project name for kind pypi' },
      { bad: { kind: 'DOI', identifier: '11.1234/x' }, form: 'must be 10.xxxx/... for kind doi' },
      {
        bad: { kind: 'ARXIV', identifier: 'abc' },
        form: 'must be an arXiv id such as 2307.09288 for kind arxiv',
      },
      {
        bad: { kind: 'GITHUB', identifier: `a/${'b'.repeat(300)}` },
        form: 'must be OWNER/REPO for kind github',
      },
    ];
    for (const { bad, form } of cases) {
      // The bad entry third, after two good ones: the path names its index.
      const answer = await api.gql(
        SET,
        { project: 'deepseek-v3', sources: [good, { kind: 'PYPI', identifier: 'vllm' }, bad] },
        { token: editor },
      );
      const error = answer.errors?.[0];
      expect(error?.extensions?.code, JSON.stringify(bad)).toBe('BAD_USER_INPUT');
      expect(error?.extensions?.field, JSON.stringify(bad)).toBe('sources[2].identifier');
      expect(error?.message).toBe(`sources[2].identifier ${form}`);
      // The client's text is not echoed back.
      if (bad.identifier.trim()) expect(error?.message).not.toContain(bad.identifier);
    }

    // A repeat, also after normalisation (the URL is the same repository): refused at the later index.
    const repeated = await api.gql(
      SET,
      {
        project: 'deepseek-v3',
        sources: [
          good,
          { kind: 'PYPI', identifier: 'vllm' },
          { kind: 'GITHUB', identifier: 'https://github.com/deepseek-ai/DeepSeek-V3.git' },
        ],
      },
      { token: editor },
    );
    expect(repeated.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'sources[2].identifier',
    });
    expect(repeated.errors?.[0]?.message).toBe('sources[2] repeats sources[0]');

    // An unknown kind never reaches the service: the enum refuses it.
    const kind = await api.gql(
      SET,
      { project: 'deepseek-v3', sources: [{ kind: 'GITLAB', identifier: 'a/b' }] },
      { token: editor },
    );
    expect(kind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const tooMany = await api.gql(
      SET,
      {
        project: 'deepseek-v3',
        sources: Array.from({ length: 101 }, (_, i) => ({ kind: 'PYPI', identifier: `package-${i}` })),
      },
      { token: editor },
    );
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sources' });

    const unknown = await api.gql(SET, { project: 'no-such-project', sources: [good] }, { token: editor });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    expect(await read()).toEqual(before);
    expect(await api.count('audit_log')).toBe(audit);
  });

  it('refuses callers without evidence:write', async () => {
    const key = await api.keyWith(['read:drafts']);
    const before = await read();
    const audit = await api.count('audit_log');
    const variables = { project: 'deepseek-v3', sources: [] };
    const anonymous = await api.gql(SET, variables);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const viewer = await api.gql(SET, variables, { token: await api.tokenFor('viewer') });
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const readKey = await api.gql(SET, variables, { token: key });
    expect(readKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await read()).toEqual(before);
    expect(await api.count('audit_log')).toBe(audit);
  });

  it('replaces the list (normalised) in one step and audits the change once', async () => {
    const audit = await api.count('audit_log');
    const sources = [
      { kind: 'GITHUB', identifier: ' https://github.com/vllm-project/vllm ' },
      { kind: 'HUGGINGFACE_MODEL', identifier: 'https://huggingface.co/deepseek-ai/DeepSeek-V3' },
      { kind: 'HUGGINGFACE_COLLECTION', identifier: 'Qwen/qwen25-66e81a666513e518adb90d9e' },
      {
        kind: 'HUGGINGFACE_COLLECTION',
        identifier: 'https://huggingface.co/collections/deepseek-ai/deepseek-v3-676bc4546fb4876383c4208b/',
      },
      { kind: 'PYPI', identifier: 'deepseek' },
      { kind: 'DOI', identifier: 'https://doi.org/10.48550/arXiv.2412.19437' },
      { kind: 'ARXIV', identifier: 'arXiv:2412.19437' },
    ];
    const answer = await api.gql<SetAnswer>(SET, { project: 'deepseek-v3', sources }, { token: editor });
    expect(answer.errors).toBeUndefined();
    const expected = [
      { kind: 'GITHUB', identifier: 'vllm-project/vllm' },
      { kind: 'HUGGINGFACE_MODEL', identifier: 'deepseek-ai/DeepSeek-V3' },
      { kind: 'HUGGINGFACE_COLLECTION', identifier: 'Qwen/qwen25-66e81a666513e518adb90d9e' },
      { kind: 'HUGGINGFACE_COLLECTION', identifier: 'deepseek-ai/deepseek-v3-676bc4546fb4876383c4208b' },
      { kind: 'PYPI', identifier: 'deepseek' },
      { kind: 'DOI', identifier: '10.48550/arXiv.2412.19437' },
      { kind: 'ARXIV', identifier: '2412.19437' },
    ];
    expect(answer.data?.setProjectSources.slug).toBe('deepseek-v3');
    const byKind = (list: Source[] | undefined) =>
      [...(list ?? [])].sort((a, b) =>
        `${a.kind} ${a.identifier}`.localeCompare(`${b.kind} ${b.identifier}`),
      );
    expect(byKind(answer.data?.setProjectSources.sources)).toEqual(byKind(expected));
    expect(byKind(await read())).toEqual(byKind(expected));

    expect(await api.count('audit_log')).toBe(audit + 1);
    const rows = await auditRows();
    expect(rows).toHaveLength(1);
    const [project] = await queryRows<{ id: number }>(
      api.handle.db,
      sql`SELECT id FROM projects WHERE slug = 'deepseek-v3'`,
    );
    expect(rows[0]?.entity_id).toBe(String(project?.id));
    expect(rows[0]?.actor_label).toContain('editor@example.org');
    expect(rows[0]?.before).toEqual({
      sources: [
        { kind: 'github', identifier: 'deepseek-ai/DeepSeek-V3' },
        { kind: 'huggingface_model', identifier: 'deepseek-ai/DeepSeek-V3' },
      ],
    });
    expect(rows[0]?.after).toEqual({
      sources: [
        { kind: 'github', identifier: 'vllm-project/vllm' },
        { kind: 'huggingface_model', identifier: 'deepseek-ai/DeepSeek-V3' },
        { kind: 'huggingface_collection', identifier: 'Qwen/qwen25-66e81a666513e518adb90d9e' },
        { kind: 'huggingface_collection', identifier: 'deepseek-ai/deepseek-v3-676bc4546fb4876383c4208b' },
        { kind: 'pypi', identifier: 'deepseek' },
        { kind: 'doi', identifier: '10.48550/arXiv.2412.19437' },
        { kind: 'arxiv', identifier: '2412.19437' },
      ],
    });

    // The same list again, in another order: nothing changes, nothing is audited.
    const again = await api.gql<SetAnswer>(
      SET,
      { project: 'deepseek-v3', sources: [...expected].reverse() },
      { token: editor },
    );
    expect(again.errors).toBeUndefined();
    expect(await api.count('audit_log')).toBe(audit + 1);

    // An empty list removes every identifier.
    const cleared = await api.gql<SetAnswer>(SET, { project: 'deepseek-v3', sources: [] }, { token: editor });
    expect(cleared.data?.setProjectSources.sources).toEqual([]);
    expect(await read()).toEqual([]);
    expect(await auditRows()).toHaveLength(2);
  });
});
