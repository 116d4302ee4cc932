import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depsdevCollector, openalexCollector, pypiCollector } from '../src/index';
import { startFakeDepsdev, startFakeOpenalex, startFakePypistats } from './fakes/registries';
import { collectAll, type FakeServer, findings, observationOf, observations, testContext } from './helpers';

let pypistats: FakeServer;
let openalex: FakeServer;
let depsdev: FakeServer;

beforeAll(async () => {
  pypistats = await startFakePypistats({
    packages: {
      vllm: {
        days: [
          { date: '2026-02-26', downloads: 100 },
          { date: '2026-02-27', downloads: 200 },
          { date: '2026-02-28', downloads: 300 },
        ],
        lastMonth: 250,
      },
      'vllm-flash-attn': { days: [{ date: '2026-02-28', downloads: 5 }], lastMonth: 5 },
    },
  });
  openalex = await startFakeOpenalex({
    works: {
      '10.1234/abc': { id: 'https://openalex.org/W1', title: 'Engine', cited: 42 },
      '10.48550/arxiv.2307.09288': { id: 'https://openalex.org/W2', title: 'Preprint', cited: 100 },
    },
  });
  depsdev = await startFakeDepsdev({
    packages: {
      vllm: {
        versions: [
          { version: '0.5.0', isDefault: false, publishedAt: '2025-01-01T00:00:00Z' },
          { version: '0.6.0', isDefault: true, publishedAt: '2025-06-01T00:00:00Z' },
        ],
        dependents: {
          '0.5.0': { total: 9, direct: 9, indirect: 0 },
          '0.6.0': { total: 120, direct: 80, indirect: 45 },
        },
      },
    },
  });
});
afterAll(async () => {
  await Promise.all([pypistats.close(), openalex.close(), depsdev.close()]);
});

describe('pypiCollector', () => {
  it('sums the days pypistats keeps (without mirrors) and says the window is not 12 months', async () => {
    const ctx = testContext({ pypistatsUrl: pypistats.url });
    const items = await collectAll(
      pypiCollector.collect(
        [
          {
            project: 'vllm',
            sources: [
              { kind: 'pypi', identifier: 'vLLM' },
              { kind: 'pypi', identifier: 'vllm_flash.attn' },
            ],
          },
          { project: 'ghost', sources: [{ kind: 'pypi', identifier: 'no-such-package' }] },
        ],
        ctx,
      ),
    );
    // 100 + 200 + 300 + 5 over 3 distinct days; 30-day totals 250 + 5.
    const value = observationOf(items, 'vllm', 'package_downloads_12m');
    expect(value).toMatchObject({
      value: 605,
      window: 'P3D',
      sourceUrl: 'https://pypistats.org/packages/vllm',
      sourceKind: 'pypi',
    });
    expect(value.details).toEqual({ last30Days: 255, days: 3 });
    expect(value.note).toContain('not 12 months');
    expect(value.provenance.repositories).toEqual(['vllm', 'vllm-flash-attn']);
    expect(value.provenance.requestUrl).toBe(`${pypistats.url}/api/packages/vllm/overall?mirrors=false`);
    expect(observations(items).filter((o) => o.project === 'ghost')).toEqual([]);
    expect(findings(items)).toMatchObject([{ project: 'ghost', kind: 'not_found', source: 'pypi' }]);
  });
});

describe('openalexCollector', () => {
  it('sums cited_by_count over distinct works; a DOI given twice counts once; unknown DOI is a finding', async () => {
    const ctx = testContext({ openalexUrl: openalex.url });
    const items = await collectAll(
      openalexCollector.collect(
        [
          {
            project: 'engine',
            sources: [
              { kind: 'doi', identifier: '10.1234/ABC' },
              { kind: 'doi', identifier: 'https://doi.org/10.1234/abc' },
              { kind: 'arxiv', identifier: '2307.09288v2' },
            ],
          },
          {
            project: 'ghost',
            sources: [
              { kind: 'doi', identifier: '10.9999/none' },
              { kind: 'arxiv', identifier: 'not an id' },
            ],
          },
        ],
        ctx,
      ),
    );
    // W1 (42) + W2 (100).
    const citations = observationOf(items, 'engine', 'citations');
    expect(citations).toMatchObject({
      value: 142,
      sourceUrl: 'https://openalex.org/W1',
      sourceKind: 'paper',
    });
    expect(citations.window).toBeUndefined();
    expect(citations.provenance.repositories).toEqual(['https://openalex.org/W1', 'https://openalex.org/W2']);
    expect(findings(items).map((f) => [f.project, f.kind])).toEqual([
      ['ghost', 'not_found'],
      ['ghost', 'error'],
    ]);
  });
});

describe('depsdevCollector', () => {
  it('counts direct dependents of the default version and keeps the other counts as details', async () => {
    const ctx = testContext({ depsdevUrl: depsdev.url });
    const items = await collectAll(
      depsdevCollector.collect(
        [
          { project: 'vllm', sources: [{ kind: 'pypi', identifier: 'vllm' }] },
          { project: 'ghost', sources: [{ kind: 'pypi', identifier: 'nothing-here' }] },
        ],
        ctx,
      ),
    );
    const dependents = observationOf(items, 'vllm', 'dependent_repositories');
    expect(dependents).toMatchObject({
      value: 80,
      sourceUrl: 'https://deps.dev/pypi/vllm',
      details: { dependents: 120, indirectDependents: 45 },
    });
    expect(dependents.provenance.responses?.map((r) => r.requestUrl)).toEqual([
      `${depsdev.url}/v3/systems/pypi/packages/vllm`,
      `${depsdev.url}/v3alpha/systems/pypi/packages/vllm/versions/0.6.0:dependents`,
    ]);
    expect(findings(items)).toMatchObject([{ project: 'ghost', kind: 'not_found' }]);
  });
});
