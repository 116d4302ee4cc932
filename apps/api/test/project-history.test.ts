/**
 * A project's score history in one field: `Project.resultsIn(editions:)` answers any number of
 * revisions (up to 200) where one alias per revision is refused past 20 aliases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { primaryDriver } from './hardening/support';
import { codeOf, startTestApi, type TestApi } from './helpers';

interface Entry {
  dimension: string;
  rank: number;
  score: number;
}

describe('Project.resultsIn', () => {
  let api: TestApi;
  let editions: { year: number; revision: number }[];
  beforeAll(async () => {
    api = await startTestApi(primaryDriver(), { seed: true });
    const res = await api.gql<{ editions: { year: number; revision: number }[] }>(
      '{ editions(allRevisions: true) { year revision } }',
    );
    editions = res.data?.editions ?? [];
  });
  afterAll(async () => api?.close());

  it('answers 25 editions in one field, each as results(year, revision) does', async () => {
    expect(editions.length).toBeGreaterThan(1);
    const keys = Array.from({ length: 25 }, (_, i) => editions[i % editions.length]);
    keys.push({ year: 1999, revision: 1 });
    const res = await api.gql<{
      project: { resultsIn: { year: number; revision: number | null; results: Entry[] }[] };
    }>(
      'query H($e: [EditionKeyInput!]!) { project(slug: "vllm") { resultsIn(editions: $e) { year revision results { dimension rank score } } } }',
      { e: keys },
    );
    expect(res.errors).toBeUndefined();
    const answer = res.data?.project.resultsIn ?? [];
    expect(answer.map((a) => [a.year, a.revision])).toEqual(keys.map((k) => [k?.year, k?.revision]));
    expect(answer.at(-1)?.results).toEqual([]);
    for (const [i, key] of keys.slice(0, editions.length).entries()) {
      const one = await api.gql<{ project: { results: Entry[] } }>(
        'query R($y: Int, $r: Int) { project(slug: "vllm") { results(year: $y, revision: $r) { dimension rank score } } }',
        { y: key?.year, r: key?.revision },
      );
      expect(answer[i]?.results).toEqual(one.data?.project.results);
    }
    expect(answer.some((a) => a.results.length > 0)).toBe(true);
  });

  it('where one alias per revision is refused past 20', async () => {
    const fields = Array.from(
      { length: 25 },
      (_, i) => `r${i}: results(year: ${editions[0]?.year}, revision: ${editions[0]?.revision}) { rank }`,
    ).join(' ');
    const res = await api.gql(`{ project(slug: "vllm") { ${fields} } }`);
    expect(res.errors?.length).toBeGreaterThan(0);
  });

  it('refuses more than 200 editions', async () => {
    const keys = Array.from({ length: 201 }, () => ({ year: 2026 }));
    const res = await api.gql(
      'query H($e: [EditionKeyInput!]!) { project(slug: "vllm") { resultsIn(editions: $e) { year } } }',
      { e: keys },
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
  });
});
