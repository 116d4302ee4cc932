/**
 * apps/api/README.md, "Worked examples: the ten partner tasks": every fenced GraphQL request of that
 * section runs against the demo data (`seed --demo`) on both drivers. Tasks 1–9 answer without
 * errors; task 10 answers the documented error codes. The facts checked below were worked out from
 * the demo's sources, not from the API: packages/schema/data/catalog/projects.csv has 35 projects of
 * category `model` (all released before the 2026 cutoff), OLMo's organization is `ai2`, whose row
 * in organizations.csv has country US, and Qwen's Hugging Face URL is https://huggingface.co/Qwen
 * (the demo's Hugging Face evidence cites the project's own URL); the demo publishes 2024, 2025 and
 * 2026 (packages/schema/src/seed.ts).
 */
import { readFileSync } from 'node:fs';
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The fenced ```graphql blocks of the worked-examples section, in order. */
function workedExamples(): string[] {
  const start = README.indexOf('### Worked examples: the ten partner tasks');
  if (start === -1) throw new Error('README.md has no worked-examples section');
  const end = README.indexOf('\n## ', start);
  const section = README.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

// biome-ignore lint/suspicious/noExplicitAny: the answers are walked as the README documents them
type Json = Record<string, any>;

describe('README worked examples', () => {
  it('has ten requests, one per task', () => {
    expect(workedExamples()).toHaveLength(10);
  });
});

describe.each(testDrivers())('README worked examples against the demo (%s)', (driver) => {
  let api: TestApi;
  const answers: { data?: Json | null; errors?: Json[] }[] = [];
  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
    for (const query of workedExamples()) answers.push(await api.gql<Json>(query));
  }, 240_000);
  afterAll(async () => api?.close());

  it('tasks 1–9 answer without errors', () => {
    answers.slice(0, 9).forEach((answer, i) => {
      expect(answer.errors, `task ${i + 1}`).toBeUndefined();
      expect(answer.data, `task ${i + 1}`).toBeTruthy();
    });
  });

  it('1: the demo publishes 2026, 2025 and 2024, newest first', () => {
    expect(answers[0]?.data?.editions.map((e: Json) => [e.year, e.status])).toEqual([
      [2026, 'PUBLISHED'],
      [2025, 'PUBLISHED'],
      [2024, 'PUBLISHED'],
    ]);
  });

  it('2: 35 model projects; the first is OLMo of ai2 (US)', () => {
    const ranking = answers[1]?.data?.edition.ranking;
    expect(ranking.totalCount).toBe(35);
    expect(ranking.edges).toHaveLength(3);
    expect(ranking.edges[0].node.project).toMatchObject({
      slug: 'olmo',
      primaryOrganization: { slug: 'ai2', country: 'US' },
    });
  });

  it('3: Qwen is explained down to evidence citing its own Hugging Face page', () => {
    const entry = answers[2]?.data?.project.results[0];
    expect(entry.dimension).toBe('model');
    const sum = entry.breakdown.reduce((s: number, b: Json) => s + b.contribution, 0);
    expect(sum).toBeCloseTo(entry.score, 6);
    const downloads = entry.indicators.find((i: Json) => i.indicator.key === 'hf_model_downloads_12m');
    expect(downloads.evidence.length).toBeGreaterThan(0);
    expect(downloads.evidence[0].sourceUrl).toBe('https://huggingface.co/Qwen');
    expect(downloads.evidence[0].link.status).toBeTruthy();
  });

  it('4: every year states the rule; shares add up to 1; unknown reads "International communities"', () => {
    const editions = answers[3]?.data?.editions;
    expect(editions.map((e: Json) => e.year)).toEqual([2026, 2025, 2024]);
    for (const edition of editions) {
      expect(edition.shareRule.key).toBe('MEAN_OF_DIMENSION_SHARES');
      const total = edition.regionShares.reduce((s: number, r: Json) => s + r.share, 0);
      expect(total).toBeCloseTo(1, 9);
      expect(edition.regionShares.find((r: Json) => r.region === 'unknown')?.label).toBe(
        'International communities',
      );
      expect(edition.regionShares.find((r: Json) => r.region === 'CN')?.label).toBe('China');
    }
  });

  it('5: the sixteen export files and the manifest, each with its path', () => {
    const downloads = answers[4]?.data?.edition.downloads;
    expect(downloads).toHaveLength(17);
    expect(downloads.at(-1)).toMatchObject({
      file: 'manifest.json',
      path: '/editions/2026/export/manifest.json?revision=1',
    });
    for (const d of downloads) expect(d.path).toBe(`/editions/2026/export/${d.file}?revision=1`);
  });

  it('6: movers against 2024, at most 3 per dimension, each at least 3 places', () => {
    const changes = answers[5]?.data?.edition.changes;
    expect(changes.previousEdition.year).toBe(2024);
    expect(changes.dimensions.map((d: Json) => d.dimension).sort()).toEqual([
      'data',
      'evaluation',
      'model',
      'system',
    ]);
    for (const d of changes.dimensions) {
      expect(d.movers.length).toBeLessThanOrEqual(3);
      for (const m of d.movers) {
        expect(Math.abs(m.change)).toBeGreaterThanOrEqual(3);
        expect(m.change).toBe(m.previousRank - m.rank);
      }
    }
  });

  it('7: one interval per model project, around its rank', () => {
    const intervals = answers[6]?.data?.edition.sensitivity;
    expect(intervals).toHaveLength(35);
    for (const r of intervals) {
      expect(r.p05Rank).toBeLessThanOrEqual(r.medianRank);
      expect(r.medianRank).toBeLessThanOrEqual(r.p95Rank);
    }
  });

  it('8: what-if re-ranks the 35 model projects and says where each was officially', () => {
    const whatIf = answers[7]?.data?.edition.whatIf;
    expect(whatIf.totalCount).toBe(35);
    expect(whatIf.edges.map((e: Json) => e.node.rank)).toEqual([1, 2, 3]);
    for (const { node } of whatIf.edges) expect(node.rankChange).toBe(node.officialRank - node.rank);
  });

  it('9: the snapshot counts match the page; the first values by id', () => {
    const edition = answers[8]?.data?.edition;
    expect(edition.evidence.totalCount).toBe(edition.evidenceCounts.total);
    expect(edition.evidenceCounts.used).toBeLessThanOrEqual(edition.evidenceCounts.total);
    expect(edition.evidence.edges).toHaveLength(2);
    expect(edition.evidence.pageInfo.hasNextPage).toBe(true);
    const ids = edition.evidence.edges.map((e: Json) => Number(e.node.id));
    expect(ids[0]).toBeLessThan(ids[1]);
  });

  it('10: the unknown dimension is BAD_USER_INPUT with validKeys; the missing year NOT_FOUND with years', () => {
    const errors = answers[9]?.errors ?? [];
    const byPath = (path: string) => errors.find((e) => e.path?.join('.') === path);
    expect(byPath('misspelt.ranking')?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'dimension',
      validKeys: ['data', 'model', 'system', 'evaluation'],
    });
    expect(byPath('missing')?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'year',
      years: [2026, 2025, 2024],
    });
    expect(errors).toHaveLength(2);
  });
});
