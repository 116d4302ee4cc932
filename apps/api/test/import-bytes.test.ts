/**
 * `importEvidence(csvBase64:)`: the file's bytes travel as base64, so the request size does not depend
 * on how much JSON escaping the text would need, and bytes that are not UTF-8 are reported by line and
 * column (as the CLI does), not lost in decoding on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { primaryDriver } from './hardening/support';
import { codeOf, startTestApi, type TestApi } from './helpers';

const HEADER = 'project,indicator,value,observed_at,source_url';
const MUTATION = `mutation I($csv: String, $b64: String) {
  importEvidence(csv: $csv, csvBase64: $b64, dryRun: true) {
    status rows problems { line column message }
  }
}`;

interface Report {
  importEvidence: {
    status: string;
    rows: number;
    problems: { line: number; column: string | null; message: string }[];
  };
}

describe('importEvidence with the file as bytes', () => {
  let api: TestApi;
  let editor: string;
  beforeAll(async () => {
    api = await startTestApi(primaryDriver(), { seed: true });
    editor = await api.tokenFor('editor');
  });
  afterAll(async () => api?.close());

  it('reads base64 bytes like the text, quotes and line breaks included', async () => {
    const text = `${HEADER}\nvllm,github_stars,70003,2025-04-01,"https://github.com/vllm-project/vllm"\n`;
    const res = await api.gql<Report>(
      MUTATION,
      { b64: Buffer.from(text).toString('base64') },
      { token: editor },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.importEvidence).toMatchObject({ status: 'DRY_RUN', rows: 1, problems: [] });
  });

  it('reports bytes that are not UTF-8 with their line and column', async () => {
    const bytes = Buffer.concat([
      Buffer.from(
        `${HEADER}\nvllm,github_stars,1,2025-04-01,https://github.com/vllm-project/vllm\nvllm,github_`,
      ),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('stars,2,2025-04-01,https://github.com/vllm-project/vllm\n'),
    ]);
    const res = await api.gql<Report>(MUTATION, { b64: bytes.toString('base64') }, { token: editor });
    expect(res.errors).toBeUndefined();
    expect(res.data?.importEvidence.status).toBe('REFUSED');
    expect(res.data?.importEvidence.problems[0]).toMatchObject({ line: 3 });
    expect(res.data?.importEvidence.problems[0]?.message).toMatch(/UTF-8/);
  });

  it('wants exactly one of csv and csvBase64, and real base64', async () => {
    const both = await api.gql(MUTATION, { csv: HEADER, b64: 'cHJvamVjdA==' }, { token: editor });
    expect(codeOf(both)).toBe('BAD_USER_INPUT');
    const neither = await api.gql(MUTATION, {}, { token: editor });
    expect(codeOf(neither)).toBe('BAD_USER_INPUT');
    const garbage = await api.gql(MUTATION, { b64: 'not base64!' }, { token: editor });
    expect(codeOf(garbage)).toBe('BAD_USER_INPUT');
    expect(garbage.errors?.[0]?.extensions?.field).toBe('csvBase64');
  });
});
