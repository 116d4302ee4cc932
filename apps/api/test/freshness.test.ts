/**
 * Missing versus zero, and freshness windows, through the API over HTTP: every IndicatorScore says
 * whether its value was measured, imputed by the missing-value rule or stale (`imputed`, `stale`,
 * `ageDays`), `Edition.valueCounts` counts them, and editions of a methodology without windows keep
 * the content hash the engine gives without those flags.
 *
 * Reference numbers are worked out by hand in the comments (dates: days between calendar dates).
 */
import { readFileSync } from 'node:fs';
import { CATALOG_DIR, parseCsvRecords, queryRows } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { contentHash, parseMethodology, scoreEdition } from '@ranking/scoring';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext } from '../src/context';
import { verifyEdition } from '../src/modules/editions/compute-service';
import { loadEditionInputs } from '../src/modules/editions/scoring-service';
import { listEditionRows } from '../src/modules/editions/store';
import { startTestApi, type TestApi } from './helpers';

const SUBMIT = 'mutation S($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { id } }';
const REVIEW =
  'mutation R($id: ID!) { reviewEvidence(id: $id, decision: APPROVE, note: "checked") { status } }';
const CREATE = `mutation C($input: CreateEditionInput!) { createEdition(input: $input) { id methodology { version } } }`;
const COMPUTE = 'mutation M($id: ID!) { computeEdition(id: $id) { id status contentHash } }';

interface Cell {
  indicator: { key: string };
  raw: number | null;
  normalized: number | null;
  contribution: number;
  imputed: boolean;
  stale: boolean;
  ageDays: number | null;
  isIllustrative: boolean;
}
interface Entry {
  dimension: string;
  score: number;
  indicators: Cell[];
}
const CELL = 'indicator { key } raw normalized contribution imputed stale ageDays isIllustrative';

const methodologyFile = (version: string) =>
  new URL(`../../../packages/schema/data/methodology/llm-oss-influence-${version}.json`, import.meta.url);

/** A small methodology of new indicators over the catalog's 24 `data` projects. */
const CHECK_METHODOLOGY = JSON.stringify({
  id: 'freshness-check',
  version: '1',
  title: 'Freshness check',
  indicators: [
    { key: 'check_count_12m', name: 'Check count, last 12 months', window: 'P12M', stale: 'exclude' },
    {
      key: 'check_ratio',
      name: 'Check ratio',
      normalize: { method: 'none' },
      window: 'P12M',
      stale: 'flag',
    },
  ],
  dimensions: [
    {
      key: 'data',
      name: 'Data',
      category: 'data',
      children: [{ indicator: 'check_count_12m' }, { indicator: 'check_ratio' }],
    },
  ],
});

describe.each(testDrivers())('measured, imputed and stale values over HTTP (%s)', (driver) => {
  let api: TestApi;
  let admin: string;
  let editor: string;
  let reviewer: string;

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true, now: () => new Date('2026-12-01T12:00:00Z') });
    [admin, editor, reviewer] = await Promise.all([
      api.tokenFor('admin'),
      api.tokenFor('editor'),
      api.tokenFor('reviewer'),
    ]);
  }, 240_000);
  afterAll(async () => api?.close());

  async function approvedEvidence(input: Record<string, unknown>): Promise<void> {
    const submitted = await api.gql<{ submitEvidence: { id: string } }>(SUBMIT, { input }, { token: editor });
    expect(submitted.errors).toBeUndefined();
    const reviewed = await api.gql(REVIEW, { id: submitted.data?.submitEvidence.id }, { token: reviewer });
    expect(reviewed.errors).toBeUndefined();
  }

  async function computedEdition(year: number, methodologyVersion: string, cutoff = '2026-11-30') {
    const created = await api.gql<{ createEdition: { id: string; methodology: { version: string } } }>(
      CREATE,
      { input: { year, title: `Freshness ${year}`, cutoff, methodologyVersion } },
      { token: admin },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createEdition.methodology.version).toBe(methodologyVersion);
    const computed = await api.gql<{ computeEdition: { id: string; contentHash: string } }>(
      COMPUTE,
      { id: created.data?.createEdition.id },
      { token: admin },
    );
    expect(computed.errors).toBeUndefined();
    return computed.data?.computeEdition ?? { id: '', contentHash: '' };
  }

  async function cellsOf(slug: string, year: number): Promise<Map<string, Cell>> {
    const res = await api.gql<{ project: { results: Entry[] } }>(
      `query P($slug: String!, $year: Int!) { project(slug: $slug) { results(year: $year) { dimension score indicators { ${CELL} } } } }`,
      { slug, year },
      { token: admin },
    );
    expect(res.errors).toBeUndefined();
    const [entry] = res.data?.project.results ?? [];
    return new Map((entry?.indicators ?? []).map((c) => [c.indicator.key, c]));
  }

  it('scores the demo 2026 edition with 2026.2 and 2024/2025 with 2026.1; new editions get the newest', async () => {
    const res = await api.gql<{ editions: { year: number; methodology: { version: string } }[] }>(
      '{ editions { year methodology { version } } }',
    );
    expect(res.data?.editions).toEqual([
      { year: 2026, methodology: { version: '2026.2' } },
      { year: 2025, methodology: { version: '2026.1' } },
      { year: 2024, methodology: { version: '2026.1' } },
    ]);
    const created = await api.gql<{ createEdition: { methodology: { version: string } } }>(
      CREATE,
      { input: { year: 2043, title: 'Default methodology', cutoff: '2026-11-30' } },
      { token: admin },
    );
    expect(created.data?.createEdition.methodology.version).toBe('2026.2');
  });

  it('2026.2 drops a 12-month count measured before cutoff − P12M (imputed, stale); 2026.1 uses it', async () => {
    // starcoder's commits_12m is 77, measured on 2023-06-29 (repo-metrics.csv). The 2026 edition's
    // cutoff is 2026-11-30, so its P12M window starts 2025-11-30: the value is stale, `stale: exclude`
    // drops it and `missing: zero` imputes 0.
    const windowed = await cellsOf('starcoder', 2026);
    expect(windowed.get('commits_12m')).toMatchObject({
      raw: null,
      normalized: 0,
      contribution: 0,
      imputed: true,
      stale: true,
      ageDays: null,
    });
    // The same evidence and cutoff under 2026.1 (no windows): used as current. Its age is still
    // reported: 2023-06-29 → 2026-06-29 is 365 + 366 (29 Feb 2024) + 365 = 1096 days, → 2026-11-29
    // 30 + 31 + 31 + 30 + 31 = 153 more, → 2026-11-30 one more: 1250.
    await computedEdition(2040, '2026.1');
    const windowless = await cellsOf('starcoder', 2040);
    expect(windowless.get('commits_12m')).toMatchObject({
      raw: 77,
      imputed: false,
      stale: false,
      ageDays: 1250,
    });

    // ragflow's commits_12m, 4795 measured on 2026-08-22, is inside the window: used, not stale,
    // 9 + 30 + 31 + 30 = 100 days before the cutoff (23 Aug – 31 Aug, Sep, Oct, 1–30 Nov).
    const fresh = await cellsOf('ragflow', 2026);
    expect(fresh.get('commits_12m')).toMatchObject({ raw: 4795, imputed: false, stale: false, ageDays: 100 });
  });

  it('shows a measured 0 as measured (imputed false) and a value without evidence as imputed', async () => {
    // Neither cci nor fineweb has a repository, so neither has GitHub stars evidence in the demo.
    // cci gets a measured 0 observed 2026-11-01, 29 days before the cutoff.
    await approvedEvidence({
      project: 'cci',
      indicator: 'github_stars',
      value: 0,
      sourceUrl: 'https://huggingface.co/datasets/BAAI/CCI',
      observedAt: '2026-11-01',
    });
    await computedEdition(2041, '2026.2');
    const measured = (await cellsOf('cci', 2041)).get('github_stars');
    const missing = (await cellsOf('fineweb', 2041)).get('github_stars');
    // The same normalised value (log1p(0) = 0 is the dimension's minimum; missing: zero gives 0) …
    expect(measured).toMatchObject({ raw: 0, normalized: 0, imputed: false, stale: false, ageDays: 29 });
    // … but only one of them was measured.
    expect(missing).toMatchObject({ raw: null, normalized: 0, imputed: true, stale: false, ageDays: null });
  });

  it('counts measured, illustrative, imputed and stale values per edition (Edition.valueCounts)', async () => {
    const upload = await api.gql<{ uploadMethodology: { problems: { message: string }[] } }>(
      'mutation U($d: String!) { uploadMethodology(document: $d) { problems { message } } }',
      { d: CHECK_METHODOLOGY },
      { token: admin },
    );
    expect(upload.data?.uploadMethodology.problems).toEqual([]);
    const source = 'https://example.org/freshness-check';
    // Window start: 2026-11-30 − P12M = 2025-11-30.
    await approvedEvidence({
      project: 'alpaca-data',
      indicator: 'check_count_12m',
      value: 5,
      sourceUrl: source,
      observedAt: '2026-06-01',
    }); // fresh
    await approvedEvidence({
      project: 'belle-data',
      indicator: 'check_count_12m',
      value: 7,
      sourceUrl: source,
      observedAt: '2025-01-15',
    }); // stale: dropped
    await approvedEvidence({
      project: 'alpaca-data',
      indicator: 'check_ratio',
      value: 0,
      sourceUrl: source,
      observedAt: '2026-11-30',
    }); // measured 0, on the cutoff
    await approvedEvidence({
      project: 'coig',
      indicator: 'check_ratio',
      value: 0.4,
      sourceUrl: source,
      observedAt: '2024-05-01',
    }); // stale: flagged, used
    const edition = await computedEdition(2042, '1');

    const res = await api.gql<{
      editionById: {
        valueCounts: {
          measured: number;
          illustrative: number;
          imputed: number;
          stale: number;
          total: number;
        };
        ranking: { totalCount: number };
      };
    }>(
      `query E($id: ID!) { editionById(id: $id) { valueCounts { measured illustrative imputed stale total }
         ranking(dimension: "data") { totalCount } } }`,
      { id: edition.id },
      { token: admin },
    );
    expect(res.errors).toBeUndefined();
    const n = res.data?.editionById.ranking.totalCount ?? 0;
    expect(n).toBe(24); // every catalog `data` project is released before 2026-11-30
    // 2 indicators × 24 projects = 48 values; measured: alpaca's count and ratio, coig's ratio (3);
    // stale: belle's count (dropped) and coig's ratio (flagged) (2); everything else imputed: 45.
    expect(res.data?.editionById.valueCounts).toEqual({
      measured: 3,
      illustrative: 0,
      imputed: 45,
      stale: 2,
      total: 48,
    });

    const alpaca = await cellsOf('alpaca-data', 2042);
    const belle = await cellsOf('belle-data', 2042);
    const coig = await cellsOf('coig', 2042);
    // alpaca: the only count left, min-max of one value is 1; its ratio is a measured 0 (age 0).
    expect(alpaca.get('check_count_12m')).toMatchObject({
      raw: 5,
      normalized: 1,
      imputed: false,
      ageDays: 182,
    });
    expect(alpaca.get('check_ratio')).toMatchObject({
      raw: 0,
      normalized: 0,
      imputed: false,
      stale: false,
      ageDays: 0,
    });
    expect(belle.get('check_count_12m')).toMatchObject({
      raw: null,
      imputed: true,
      stale: true,
      ageDays: null,
    });
    // coig: 0.4 observed 2024-05-01: 2024-05-01 → 2026-05-01 is 730 days, → 2026-11-30 another
    // 31 + 30 + 31 + 31 + 30 + 31 (May–Oct) + 29 = 213: 943.
    expect(coig.get('check_ratio')).toMatchObject({
      raw: 0.4,
      normalized: 0.4,
      imputed: false,
      stale: true,
      ageDays: 943,
    });
    // Scores, equal weights × 100: alpaca (1 + 0)/2 = 50, coig (0 + 0.4)/2 = 20, belle 0.
    const scores = await api.gql<{
      editionById: { ranking: { edges: { node: { score: number; project: { slug: string } } }[] } };
    }>(
      `query E($id: ID!) { editionById(id: $id) { ranking(dimension: "data", first: 3) { edges { node { score project { slug } } } } } }`,
      { id: edition.id },
      { token: admin },
    );
    expect(scores.data?.editionById.ranking.edges.map((e) => [e.node.project.slug, e.node.score])).toEqual([
      ['alpaca-data', 50],
      ['coig', 20],
      expect.arrayContaining([0]),
    ]);
    expect(belle.size).toBe(2);
  });

  it('counts the demo 2026 edition: stale = measured repository counts older than 2025-11-30', async () => {
    // Independently of the API: every measured commits/contributors value of repo-metrics.csv observed
    // before the window start, for a project whose 2026.2 dimension uses that indicator.
    const methodology = JSON.parse(readFileSync(methodologyFile('2026.2'), 'utf8')) as {
      dimensions: { category: string; children: unknown[] }[];
    };
    const indicatorsOf = (node: { children?: unknown[] }): string[] =>
      (node.children ?? []).flatMap((c) =>
        typeof c === 'object' && c !== null && 'indicator' in c
          ? [String((c as { indicator: string }).indicator)]
          : indicatorsOf(c as { children?: unknown[] }),
      );
    const used = new Map(methodology.dimensions.map((d) => [d.category, new Set(indicatorsOf(d))]));
    const categories = new Map(
      parseCsvRecords(readFileSync(`${CATALOG_DIR}/projects.csv`, 'utf8')).map((p) => [p.slug, p.category]),
    );
    let expectedStale = 0;
    for (const row of parseCsvRecords(readFileSync(`${CATALOG_DIR}/repo-metrics.csv`, 'utf8'))) {
      const indicators = used.get(categories.get(row.project ?? '') ?? '');
      const old = (row.snapshot_date ?? '').slice(0, 10) < '2025-11-30';
      if (old && row.commits_last_365d !== '' && indicators?.has('commits_12m')) expectedStale++;
      if (old && row.authors_last_365d !== '' && indicators?.has('contributors_12m')) expectedStale++;
    }
    expect(expectedStale).toBe(103); // the catalog as committed

    const res = await api.gql<{
      edition: {
        valueCounts: {
          measured: number;
          illustrative: number;
          imputed: number;
          stale: number;
          total: number;
        };
        dimensions: { key: string }[];
      };
    }>(
      '{ edition(year: 2026) { valueCounts { measured illustrative imputed stale total } dimensions { key } } }',
    );
    expect(res.errors).toBeUndefined();
    const counts = res.data?.edition.valueCounts;
    expect(counts?.stale).toBe(expectedStale);
    // Each count agrees with the flags of the ranking's own IndicatorScores.
    const tally = { measured: 0, illustrative: 0, imputed: 0, stale: 0, total: 0 };
    for (const { key } of res.data?.edition.dimensions ?? []) {
      const page = await api.gql<{ edition: { ranking: { totalCount: number; edges: { node: Entry }[] } } }>(
        `query R($d: String!) { edition(year: 2026) { ranking(dimension: $d, first: 100) { totalCount edges { node { indicators { ${CELL} } } } } } }`,
        { d: key },
      );
      expect(page.data?.edition.ranking.totalCount).toBeLessThanOrEqual(100);
      for (const { node } of page.data?.edition.ranking.edges ?? []) {
        for (const cell of node.indicators) {
          tally.total++;
          if (cell.stale) tally.stale++;
          if (cell.imputed) tally.imputed++;
          else if (cell.isIllustrative) tally.illustrative++;
          else tally.measured++;
        }
      }
    }
    expect(counts).toEqual(tally);
    expect(counts?.illustrative).toBeGreaterThan(0);
  });

  it('keeps the content hash of editions without windows: the engine hash of the results without flags', async () => {
    const system = createSystemContext(api.deps, 'test');
    const rows = await listEditionRows(api.handle.db);
    for (const row of rows.filter((e) => e.contentHash !== null)) {
      const verified = await verifyEdition(system, row);
      expect(verified.matches, `edition ${row.year}`).toBe(true);
    }
    // The 2026.1 edition of the test above, hashed by the engine as scoreEdition returns results by
    // default (no imputed/stale/ageDays for a methodology without windows): the stored hash.
    const [windowless] = rows.filter((e) => e.year === 2040);
    expect(windowless).toBeDefined();
    const methodology = parseMethodology(readFileSync(methodologyFile('2026.1'), 'utf8'));
    const { projects, observations } = await loadEditionInputs(api.handle.db, windowless?.id ?? 0);
    const results = scoreEdition({ methodology, projects, observations, cutoff: '2026-11-30' });
    expect(JSON.stringify(results)).not.toContain('"imputed"');
    const evidence = observations.map((o) => ({ ...o, id: o.id ?? '' }));
    expect(windowless?.contentHash).toBe(contentHash({ methodology, evidence, results }));
  });

  it('reads results stored without the flags (before they existed): imputed = raw is null, stale false, age unknown', async () => {
    const [windowless] = (await listEditionRows(api.handle.db)).filter((e) => e.year === 2040);
    const counts = `query V($id: ID!) { editionById(id: $id) { valueCounts { measured illustrative imputed stale total } } }`;
    const before = await api.gql(counts, { id: String(windowless?.id) }, { token: admin });
    // Rows of an edition computed before the flags were stored: the same JSON without the three keys
    // (this edition is only computed, so its rows may still change).
    await api.handle.db.execute(
      sql`UPDATE results SET indicators = (SELECT jsonb_object_agg(e.key, e.value - 'imputed' - 'stale' - 'ageDays')
                                             FROM jsonb_each(indicators) AS e)
           WHERE edition_id = ${windowless?.id ?? 0}`,
    );
    const [sample] = await queryRows<{ v: unknown }>(
      api.handle.db,
      sql`SELECT indicators -> 'commits_12m' AS v FROM results AS r JOIN projects AS p ON p.id = r.project_id
           WHERE r.edition_id = ${windowless?.id ?? 0} AND p.slug = 'starcoder'`,
    );
    expect(sample?.v).not.toHaveProperty('imputed');
    const starcoder = await cellsOf('starcoder', 2040);
    expect(starcoder.get('commits_12m')).toMatchObject({
      raw: 77,
      imputed: false,
      stale: false,
      ageDays: null,
    });
    const fineweb = await cellsOf('fineweb', 2040);
    expect(fineweb.get('github_stars')).toMatchObject({
      raw: null,
      imputed: true,
      stale: false,
      ageDays: null,
    });
    // Without windows nothing is stale and imputed means raw is null, so the counts do not change.
    const after = await api.gql(`${counts} # read again`, { id: String(windowless?.id) }, { token: admin });
    expect(after.errors).toBeUndefined();
    expect(after.data).toEqual(before.data);
  });
});
