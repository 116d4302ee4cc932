import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { huggingfaceCollector } from '../src/index';
import { type HubFixture, type HubRepo, startFakeHub } from './fakes/registries';
import { collectAll, type FakeServer, findings, observationOf, observations, testContext } from './helpers';

const derivative = (id: string, ...bases: string[]): HubRepo => ({
  id,
  downloads: 1,
  downloadsAllTime: 1,
  likes: 0,
  baseModels: bases,
});

const QWEN = 'Qwen/qwen25-66e81a666513e518adb90d9e';

const fixture: HubFixture = {
  models: [
    { id: 'meta/llama-7b', downloads: 1000, downloadsAllTime: 50_000, likes: 10 },
    // Also tagged as a quantization of 7b: one of the project's own repositories, not a derivative.
    {
      id: 'meta/llama-13b',
      downloads: 500,
      downloadsAllTime: 20_000,
      likes: 5,
      baseModels: ['quantized:meta/llama-7b'],
    },
    derivative('u1/ft-a', 'finetune:meta/llama-7b', 'finetune:meta/llama-13b'),
    derivative('u2/ft-b', 'finetune:meta/llama-7b'),
    derivative('u3/ft-c', 'finetune:meta/llama-13b'),
    derivative('u4/lora-x', 'adapter:meta/llama-7b'),
    derivative('u5/q4', 'quantized:meta/llama-7b'),
    derivative('u6/merged', 'merge:meta/llama-7b', 'merge:meta/llama-13b'),
    // Five models of one organization, listed two per page.
    ...[1, 2, 3, 4, 5].map((i) => ({ id: `bigorg/m${i}`, downloads: i, downloadsAllTime: 10, likes: 1 })),
    { id: 'neworg/model', downloads: 42, downloadsAllTime: 420, likes: 4 },
    // Tagged with the dataset; only the first two declare it in cardData.datasets.
    {
      id: 'x/m1',
      downloads: 0,
      downloadsAllTime: 0,
      likes: 0,
      datasetTags: ['acme/corpus'],
      cardData: { datasets: ['acme/corpus', 'other/x'] },
    },
    {
      id: 'x/m2',
      downloads: 0,
      downloadsAllTime: 0,
      likes: 0,
      datasetTags: ['acme/corpus'],
      cardData: { datasets: 'acme/corpus' },
    },
    {
      id: 'x/m3',
      downloads: 0,
      downloadsAllTime: 0,
      likes: 0,
      datasetTags: ['acme/corpus'],
      cardData: { datasets: ['acme/corpus-v2'] },
    },
    { id: 'Qwen/Qwen2.5-7B', downloads: 700, downloadsAllTime: 7000, likes: 70 },
    { id: 'Qwen/Qwen2.5-14B', downloads: 300, downloadsAllTime: 3000, likes: 30 },
  ],
  datasets: [
    { id: 'acme/corpus', downloads: 300, downloadsAllTime: 9000, likes: 7 },
    { id: 'Qwen/eval-set', downloads: 90, downloadsAllTime: 900, likes: 9 },
  ],
  renamed: { 'oldorg/model': 'neworg/model' },
  collections: [
    {
      slug: QWEN,
      title: 'Qwen2.5',
      items: [
        { type: 'model', id: 'Qwen/Qwen2.5-7B' },
        { type: 'model', id: 'Qwen/Qwen2.5-14B' },
        { type: 'dataset', id: 'Qwen/eval-set' },
        // Neither a space nor a paper is counted.
        { type: 'space', id: 'Qwen/Qwen2.5-demo' },
        { type: 'paper', id: '2412.15115' },
      ],
    },
    {
      slug: 'acme/mixed-0123456789abcdef01234567',
      title: 'Mixed',
      items: [
        { type: 'model', id: 'neworg/model' },
        { type: 'model', id: 'acme/deleted-model' },
        { type: 'collection', id: QWEN },
      ],
    },
    {
      slug: 'acme/demos-abcdefabcdefabcdefabcdef',
      title: 'Demos',
      items: [{ type: 'space', id: 'acme/demo' }],
    },
  ],
};

let hub: FakeServer;
beforeAll(async () => {
  hub = await startFakeHub(fixture);
});
afterAll(() => hub.close());

describe('huggingfaceCollector', () => {
  it('sums a model family, counts derivatives by relation, lists an organization page by page', async () => {
    const ctx = testContext({ hfEndpoint: hub.url, hfToken: 'hf_fixtureToken', hfPageSize: 2 });
    const items = await collectAll(
      huggingfaceCollector.collect(
        [
          {
            project: 'llama',
            sources: [
              { kind: 'huggingface_model', identifier: 'meta/llama-7b' },
              { kind: 'huggingface_model', identifier: 'https://huggingface.co/meta/llama-13b' },
            ],
          },
          { project: 'corpus', sources: [{ kind: 'huggingface_dataset', identifier: 'acme/corpus' }] },
          { project: 'big', sources: [{ kind: 'huggingface_model', identifier: 'bigorg' }] },
          { project: 'ghost', sources: [{ kind: 'huggingface_model', identifier: 'nobody/nothing' }] },
          { project: 'renamed', sources: [{ kind: 'huggingface_model', identifier: 'oldorg/model' }] },
        ],
        ctx,
      ),
    );

    // 1000 + 500 over the last 30 days; 50 000 + 20 000 all time.
    const downloads = observationOf(items, 'llama', 'hf_model_downloads_12m');
    expect(downloads).toMatchObject({
      value: 1500,
      window: 'P30D',
      details: { downloadsAllTime: 70_000, repositories: 2 },
    });
    expect(downloads.sourceUrl).toBe('https://huggingface.co/meta/llama-7b');
    expect(downloads.provenance.repositories).toEqual(['meta/llama-7b', 'meta/llama-13b']);
    expect(downloads.provenance.responses?.map((r) => r.responseStatus)).toEqual([200, 200]);
    expect(observationOf(items, 'llama', 'hf_likes').value).toBe(15);
    // ft-a, ft-b, ft-c, lora-x, q4, merged; ft-a and merged name both models but count once.
    const derivatives = observationOf(items, 'llama', 'derivative_models');
    expect(derivatives.value).toBe(6);
    expect(derivatives.details).toEqual({ finetune: 3, adapter: 1, quantized: 1, merge: 1 });

    expect(observationOf(items, 'corpus', 'hf_dataset_downloads_12m')).toMatchObject({
      value: 300,
      window: 'P30D',
      sourceUrl: 'https://huggingface.co/datasets/acme/corpus',
    });
    expect(observationOf(items, 'corpus', 'hf_likes').value).toBe(7);
    expect(observationOf(items, 'corpus', 'derived_models').value).toBe(2);

    // 1 + 2 + 3 + 4 + 5 from three pages of two.
    const big = observationOf(items, 'big', 'hf_model_downloads_12m');
    expect(big.value).toBe(15);
    expect(big.sourceUrl).toBe('https://huggingface.co/bigorg');
    expect(big.provenance.responses).toHaveLength(3);
    expect(observationOf(items, 'big', 'hf_likes').value).toBe(5);
    expect(observationOf(items, 'big', 'derivative_models').value).toBe(0);

    expect(observations(items).filter((o) => o.project === 'ghost')).toEqual([]);
    expect(findings(items).filter((f) => f.project === 'ghost')).toMatchObject([
      { kind: 'not_found', responseStatus: 404 },
    ]);

    expect(findings(items).filter((f) => f.project === 'renamed')).toMatchObject([
      { kind: 'renamed', renamedTo: 'neworg/model' },
    ]);
    expect(observationOf(items, 'renamed', 'hf_model_downloads_12m')).toMatchObject({
      value: 42,
      sourceUrl: 'https://huggingface.co/neworg/model',
    });

    expect(hub.requests.every((r) => r.headers.authorization === 'Bearer hf_fixtureToken')).toBe(true);
    expect(ctx.logs.filter((l) => l.message.includes('HF_TOKEN'))).toEqual([]);
  });

  it('without HF_TOKEN: anonymous requests, reported once for the whole run', async () => {
    const ctx = testContext({ hfEndpoint: hub.url });
    const before = hub.requests.length;
    const items = await collectAll(
      huggingfaceCollector.collect(
        [
          { project: 'a', sources: [{ kind: 'huggingface_dataset', identifier: 'acme/corpus' }] },
          { project: 'b', sources: [{ kind: 'huggingface_model', identifier: 'neworg/model' }] },
        ],
        ctx,
      ),
    );
    expect(observationOf(items, 'a', 'hf_dataset_downloads_12m').value).toBe(300);
    expect(observationOf(items, 'b', 'hf_model_downloads_12m').value).toBe(42);
    expect(ctx.logs.filter((l) => l.message.includes('HF_TOKEN'))).toHaveLength(1);
    expect(hub.requests.slice(before).every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('a collection: its models and datasets summed, spaces and papers left out, each repository once', async () => {
    const ctx = testContext({ hfEndpoint: hub.url });
    const before = hub.requests.length;
    const items = await collectAll(
      huggingfaceCollector.collect(
        [
          { project: 'qwen', sources: [{ kind: 'huggingface_collection', identifier: QWEN }] },
          {
            project: 'qwen-url',
            sources: [
              { kind: 'huggingface_collection', identifier: `https://huggingface.co/collections/${QWEN}` },
              // Also in the collection: counted once.
              { kind: 'huggingface_model', identifier: 'Qwen/Qwen2.5-7B' },
              { kind: 'huggingface_dataset', identifier: 'Qwen/eval-set' },
            ],
          },
          {
            project: 'mixed',
            sources: [{ kind: 'huggingface_collection', identifier: 'acme/mixed-0123456789abcdef01234567' }],
          },
          {
            project: 'demos',
            sources: [{ kind: 'huggingface_collection', identifier: 'acme/demos-abcdefabcdefabcdefabcdef' }],
          },
          {
            project: 'nothing',
            sources: [{ kind: 'huggingface_collection', identifier: 'Qwen/gone-000000000000000000000000' }],
          },
        ],
        ctx,
      ),
    );

    for (const project of ['qwen', 'qwen-url']) {
      // 700 + 300 over the last 30 days; 7000 + 3000 all time.
      const models = observationOf(items, project, 'hf_model_downloads_12m');
      expect(models).toMatchObject({
        value: 1000,
        window: 'P30D',
        details: { downloadsAllTime: 10_000, repositories: 2 },
      });
      expect(models.provenance.repositories).toEqual(['Qwen/Qwen2.5-7B', 'Qwen/Qwen2.5-14B']);
      const datasets = observationOf(items, project, 'hf_dataset_downloads_12m');
      expect(datasets).toMatchObject({ value: 90, details: { repositories: 1 } });
      expect(datasets.provenance.repositories).toEqual(['Qwen/eval-set']);
      // 70 + 30 + 9.
      const likes = observationOf(items, project, 'hf_likes');
      expect(likes.value).toBe(109);
      expect(likes.provenance.repositories).toEqual(['Qwen/Qwen2.5-7B', 'Qwen/Qwen2.5-14B', 'Qwen/eval-set']);
      expect(findings(items).filter((f) => f.project === project)).toEqual([]);
    }
    const qwen = observationOf(items, 'qwen', 'hf_model_downloads_12m');
    expect(qwen.sourceUrl).toBe(`https://huggingface.co/collections/${QWEN}`);
    expect(qwen.provenance.responses?.map((r) => r.requestUrl.replace(hub.url, ''))).toEqual([
      `/api/collections/${QWEN}`,
      '/api/models/Qwen/Qwen2.5-7B?expand[]=downloads&expand[]=downloadsAllTime&expand[]=likes',
      '/api/models/Qwen/Qwen2.5-14B?expand[]=downloads&expand[]=downloadsAllTime&expand[]=likes',
    ]);
    // Spaces, papers and nested collections are never asked for.
    const paths = hub.requests
      .slice(before)
      .map((r) => new URL(r.url, hub.url).pathname)
      .filter((p) => !p.startsWith('/api/collections/'));
    expect(
      paths.filter(
        (p) => p.includes('demo') || p.includes('2412.15115') || p.includes('66e81a666513e518adb90d9e'),
      ),
    ).toEqual([]);

    // A member the Hub does not answer is named in a finding; the others count. A nested collection
    // is not followed.
    expect(observationOf(items, 'mixed', 'hf_model_downloads_12m')).toMatchObject({ value: 42 });
    expect(observationOf(items, 'mixed', 'hf_model_downloads_12m').provenance.repositories).toEqual([
      'neworg/model',
    ]);
    expect(findings(items).filter((f) => f.project === 'mixed')).toMatchObject([
      { kind: 'not_found', message: expect.stringContaining('model acme/deleted-model') },
    ]);
    // Spaces only: nothing to count, a finding and no zero.
    expect(observations(items).filter((o) => o.project === 'demos')).toEqual([]);
    expect(findings(items).filter((f) => f.project === 'demos')).toMatchObject([{ kind: 'not_found' }]);

    expect(observations(items).filter((o) => o.project === 'nothing')).toEqual([]);
    expect(findings(items).filter((f) => f.project === 'nothing')).toMatchObject([
      { kind: 'not_found', responseStatus: 404, identifier: { kind: 'huggingface_collection' } },
    ]);
  });
});
