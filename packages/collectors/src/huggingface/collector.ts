/**
 * Hugging Face Hub: downloads (the rolling 30-day `downloads` and the all-time `downloadsAllTime`,
 * asked for with `expand[]`), likes, derivative models (`filter=base_model:<relation>:<id>`) and the
 * models whose cards declare a dataset (`filter=dataset:<id>`, checked against `cardData.datasets`).
 * A collection (`NAMESPACE/SLUG-ID`) is read with `GET /api/collections/NAMESPACE/SLUG-ID`; its models
 * and datasets then count as if each were listed as `ORG/NAME`.
 * Response shapes: @huggingface/hub `ApiModelInfo` / `ApiDatasetInfo` (packages/hub/src/types/api);
 * a collection as huggingface_hub reads it (`Collection` / `CollectionItem`, src/huggingface_hub/hf_api.py).
 */
import { z } from 'zod';
import {
  bodySnippet,
  type HttpClient,
  HttpError,
  type HttpResponse,
  httpClientFor,
  parseJson,
} from '../http/client';
import { nextLink } from '../http/link-header';
import { errorFinding, makeFinding, makeObservation } from '../provenance';
import type { CollectContext, CollectedItem, Collector, ProjectSources, SourceIdentifier } from '../types';

const meta = { source: 'huggingface', version: '1.0.0' } as const;
const HUB = 'https://huggingface.co';
export const DERIVATIVE_RELATIONS = ['finetune', 'adapter', 'quantized', 'merge'] as const;
const REPO_ID = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/;
/** `NAMESPACE/SLUG-ID`: the title's slug, then the collection's 24-hex-digit object id. */
export const COLLECTION_ID = /^[A-Za-z0-9][\w.-]*\/([\w.-]*-)?[0-9a-fA-F]{24}$/;

const repoInfo = z.object({
  id: z.string(),
  downloads: z.number().int().nonnegative(),
  downloadsAllTime: z.number().int().nonnegative().optional(),
  likes: z.number().int().nonnegative(),
});
type RepoInfo = z.infer<typeof repoInfo>;
const listedModel = z.object({
  id: z.string(),
  cardData: z
    .object({ datasets: z.union([z.string(), z.array(z.string())]).optional() })
    .passthrough()
    .optional(),
});
type RepoType = 'model' | 'dataset';
/**
 * A collection: `items[].type` is `model`, `dataset`, `space`, `paper`, `collection` (or newer kinds);
 * `items[].id` the repository id for the first three.
 */
const collection = z.object({
  slug: z.string(),
  title: z.string().optional(),
  items: z.array(z.object({ _id: z.string().optional(), type: z.string(), id: z.string() })),
});

const apiPath = (type: RepoType) => (type === 'model' ? 'models' : 'datasets');
const humanUrl = (type: RepoType, id: string) =>
  type === 'model' ? `${HUB}/${id}` : `${HUB}/datasets/${id}`;
const EXPAND = ['downloads', 'downloadsAllTime', 'likes'].map((e) => `expand[]=${e}`).join('&');

interface Resolved {
  identifier: SourceIdentifier;
  type: RepoType;
  repos: RepoInfo[];
  responses: HttpResponse[];
  sourceUrl: string;
}

class HubRun {
  readonly client: HttpClient;

  constructor(private readonly ctx: CollectContext) {
    this.client = httpClientFor(ctx);
  }

  private get(url: string): Promise<HttpResponse> {
    return this.client.request({
      url,
      conditional: true,
      source: 'huggingface',
      ...(this.ctx.config.hfToken ? { token: this.ctx.config.hfToken } : {}),
    });
  }

  private fail(response: HttpResponse): never {
    throw new HttpError(
      'status',
      response.requestUrl,
      this.client.redact(
        `GET ${response.requestUrl} answered ${response.responseStatus}${bodySnippet(response.responseBody)}`,
      ),
      response.responseStatus,
    );
  }

  /** A paginated list (`Link: <...>; rel="next"`); `undefined` when the first page is a 404. */
  async list<T>(
    firstUrl: string,
    schema: z.ZodType<T>,
  ): Promise<{ items: T[]; responses: HttpResponse[]; truncated: boolean } | undefined> {
    const items: T[] = [];
    const responses: HttpResponse[] = [];
    let url: string | undefined = firstUrl;
    let pages = 0;
    while (url && pages < this.ctx.config.hfMaxPages) {
      const response = await this.get(url);
      if (response.responseStatus === 404 && pages === 0) return undefined;
      if (response.responseStatus !== 200 && response.responseStatus !== 304) this.fail(response);
      responses.push(response);
      items.push(...parseJson(response, z.array(schema)));
      url = nextLink(response.headers.get('link'));
      pages++;
    }
    return { items, responses, truncated: url !== undefined };
  }

  /** One repository's info (`expand[]` fields); no `info` when the Hub answers 404 or 401. */
  private async repo(
    id: string,
    type: RepoType,
  ): Promise<{ url: string; response: HttpResponse; info?: RepoInfo }> {
    const url = `${this.ctx.config.hfEndpoint}/api/${apiPath(type)}/${id}?${EXPAND}`;
    const response = await this.get(url);
    if (response.responseStatus === 404 || response.responseStatus === 401) return { url, response };
    if (response.responseStatus !== 200 && response.responseStatus !== 304) this.fail(response);
    return { url, response, info: parseJson(response, repoInfo) };
  }

  /**
   * A collection: its models and datasets, each read as an `ORG/NAME` identifier would be (one
   * `Resolved` per type present, the collection's answer among the responses of each). Spaces, papers
   * and nested collections are not counted. A collection the Hub does not answer (404, 401: private)
   * or one with no model or dataset is a `not_found` finding, and so, in one finding, are members the
   * Hub does not answer.
   */
  async resolveCollection(
    project: string,
    identifier: SourceIdentifier,
  ): Promise<{ resolved: Resolved[]; items: CollectedItem[] }> {
    const id = identifier.identifier
      .trim()
      .replace(/^https?:\/\/huggingface\.co\/collections\//i, '')
      .replace(/\/+$/, '');
    if (!COLLECTION_ID.test(id)) {
      const message = `not a Hugging Face collection id (NAMESPACE/SLUG-ID): ${JSON.stringify(identifier.identifier)}`;
      return { resolved: [], items: [makeFinding(meta, project, identifier, 'error', message)] };
    }
    const url = `${this.ctx.config.hfEndpoint}/api/collections/${id}`;
    const response = await this.get(url);
    if (response.responseStatus === 404 || response.responseStatus === 401) {
      const message = `the Hugging Face Hub has no public collection ${id}`;
      const finding = makeFinding(meta, project, identifier, 'not_found', message, {
        requestUrl: url,
        responseStatus: response.responseStatus,
      });
      return { resolved: [], items: [finding] };
    }
    if (response.responseStatus !== 200 && response.responseStatus !== 304) this.fail(response);
    const answer = parseJson(response, collection);
    const sourceUrl = `${HUB}/collections/${answer.slug}`;
    const resolved: Resolved[] = [];
    const missing: string[] = [];
    for (const type of ['model', 'dataset'] as const) {
      const ids = [...new Set(answer.items.filter((i) => i.type === type).map((i) => i.id))];
      const repos: RepoInfo[] = [];
      const responses: HttpResponse[] = [response];
      for (const repoId of ids) {
        const one = await this.repo(repoId, type);
        if (!one.info) {
          missing.push(`${type} ${repoId}`);
          continue;
        }
        repos.push(one.info);
        responses.push(one.response);
      }
      if (repos.length > 0) resolved.push({ identifier, type, repos, responses, sourceUrl });
    }
    const items: CollectedItem[] = [];
    if (missing.length > 0) {
      const message = `the Hugging Face collection ${id} lists ${missing.length} repositor${missing.length === 1 ? 'y' : 'ies'} the Hub does not answer: ${missing.join(', ')}`;
      items.push(makeFinding(meta, project, identifier, 'not_found', message, { requestUrl: url }));
    } else if (resolved.length === 0) {
      const message = `the Hugging Face collection ${id} lists no model or dataset (spaces and papers are not counted)`;
      items.push(makeFinding(meta, project, identifier, 'not_found', message, { requestUrl: url }));
    }
    return { resolved, items };
  }

  /**
   * One identifier: `ORG/NAME` is one repository, `ORG` every public repository of that author.
   * Yields a `not_found` finding (401 and 404: the Hub hides private repositories behind both).
   */
  async resolve(
    project: string,
    identifier: SourceIdentifier,
    type: RepoType,
  ): Promise<{ resolved?: Resolved; items: CollectedItem[] }> {
    const id = identifier.identifier
      .trim()
      .replace(/^https?:\/\/huggingface\.co\/(datasets\/)?/i, '')
      .replace(/\/+$/, '');
    if (!REPO_ID.test(id)) {
      const message = `not a Hugging Face repository id (ORG/NAME or ORG): ${JSON.stringify(identifier.identifier)}`;
      return { items: [makeFinding(meta, project, identifier, 'error', message)] };
    }
    const base = this.ctx.config.hfEndpoint;
    if (id.includes('/')) {
      const one = await this.repo(id, type);
      if (!one.info) {
        const message = `the Hugging Face Hub has no public ${type} ${id}`;
        const finding = makeFinding(meta, project, identifier, 'not_found', message, {
          requestUrl: one.url,
          responseStatus: one.response.responseStatus,
        });
        return { items: [finding] };
      }
      const { info, response } = one;
      const items: CollectedItem[] = [];
      if (info.id.toLowerCase() !== id.toLowerCase()) {
        items.push(
          makeFinding(meta, project, identifier, 'renamed', `the Hub answers ${id} as ${info.id}`, {
            renamedTo: info.id,
          }),
        );
      }
      const resolved = {
        identifier,
        type,
        repos: [info],
        responses: [response],
        sourceUrl: humanUrl(type, info.id),
      };
      return { resolved, items };
    }
    const url = `${base}/api/${apiPath(type)}?author=${encodeURIComponent(id)}&${EXPAND}&limit=${this.ctx.config.hfPageSize}`;
    const listed = await this.list(url, repoInfo);
    if (!listed || listed.items.length === 0) {
      const message = `the Hugging Face Hub lists no public ${type} by ${id}`;
      return { items: [makeFinding(meta, project, identifier, 'not_found', message, { requestUrl: url })] };
    }
    return {
      resolved: {
        identifier,
        type,
        repos: listed.items,
        responses: listed.responses,
        sourceUrl: `${HUB}/${id}`,
      },
      items: [],
    };
  }
}

export const huggingfaceCollector: Collector = {
  source: meta.source,
  version: meta.version,
  identifierKinds: ['huggingface_model', 'huggingface_dataset', 'huggingface_collection'],
  indicators: [
    'hf_model_downloads_12m',
    'hf_dataset_downloads_12m',
    'hf_likes',
    'derivative_models',
    'derived_models',
  ],
  async *collect(targets: readonly ProjectSources[], ctx: CollectContext): AsyncGenerator<CollectedItem> {
    const run = new HubRun(ctx);
    let warned = false;
    for (const target of targets) {
      const identifiers = target.sources.filter(
        (s) =>
          s.kind === 'huggingface_model' ||
          s.kind === 'huggingface_dataset' ||
          s.kind === 'huggingface_collection',
      );
      if (identifiers.length === 0) continue;
      if (!ctx.config.hfToken && !warned) {
        warned = true;
        ctx.log({
          level: 'warn',
          source: 'huggingface',
          message: 'HF_TOKEN is not set: the Hugging Face Hub is queried with anonymous rate limits',
        });
      }
      const resolved: Resolved[] = [];
      for (const identifier of identifiers) {
        try {
          if (identifier.kind === 'huggingface_collection') {
            const outcome = await run.resolveCollection(target.project, identifier);
            yield* outcome.items;
            resolved.push(...outcome.resolved);
            continue;
          }
          const outcome = await run.resolve(
            target.project,
            identifier,
            identifier.kind === 'huggingface_model' ? 'model' : 'dataset',
          );
          yield* outcome.items;
          if (outcome.resolved) resolved.push(outcome.resolved);
        } catch (error) {
          yield errorFinding(meta, run.client, target.project, identifier, error, ctx.signal);
        }
      }
      yield* observe(run, ctx, target.project, resolved);
    }
  },
};

async function* observe(
  run: HubRun,
  ctx: CollectContext,
  project: string,
  resolved: Resolved[],
): AsyncGenerator<CollectedItem> {
  const first = resolved[0];
  if (!first) return;
  const all = resolved.flatMap((r) => r.repos.map((repo) => ({ ...repo, type: r.type })));
  const allResponses = resolved.flatMap((r) => r.responses);
  // A repository reached through several identifiers (listed directly, by its author, in a
  // collection) counts once: the Hub's ids are case-insensitive.
  const names = (type?: RepoType) => [
    ...new Map(all.filter((r) => !type || r.type === type).map((r) => [r.id.toLowerCase(), r.id])).values(),
  ];
  const base = { project, sourceKind: 'huggingface' as const };

  for (const type of ['model', 'dataset'] as const) {
    const group = resolved.filter((r) => r.type === type);
    const head = group[0];
    if (!head) continue;
    const repos = [...new Map(group.flatMap((r) => r.repos).map((r) => [r.id.toLowerCase(), r])).values()];
    const allTime = repos.reduce((t, r) => t + (r.downloadsAllTime ?? 0), 0);
    yield makeObservation(
      meta,
      {
        ...base,
        sourceUrl: head.sourceUrl,
        indicator: type === 'model' ? 'hf_model_downloads_12m' : 'hf_dataset_downloads_12m',
        value: repos.reduce((t, r) => t + r.downloads, 0),
        window: 'P30D',
        note: `The Hub publishes a rolling 30-day counter (downloads) and an all-time one (downloadsAllTime), no 12-month figure: this is the 30-day value, summed over ${repos.length} ${type} repositor${repos.length === 1 ? 'y' : 'ies'}.`,
        details: { downloadsAllTime: allTime, repositories: repos.length },
      },
      group.flatMap((r) => r.responses),
      names(type),
    );
  }
  const unique = [...new Map(all.map((r) => [`${r.type}:${r.id.toLowerCase()}`, r])).values()];
  yield makeObservation(
    meta,
    {
      ...base,
      sourceUrl: first.sourceUrl,
      indicator: 'hf_likes',
      value: unique.reduce((t, r) => t + r.likes, 0),
    },
    allResponses,
    names(),
  );

  const models = names('model');
  if (models.length > 0) {
    try {
      const own = new Set(models.map((m) => m.toLowerCase()));
      const derivatives = new Set<string>();
      const byRelation: Record<string, number> = {};
      const responses: HttpResponse[] = [];
      let truncated = false;
      for (const relation of DERIVATIVE_RELATIONS) {
        const ids = new Set<string>();
        for (const model of models) {
          const url = `${ctx.config.hfEndpoint}/api/models?filter=${encodeURIComponent(`base_model:${relation}:${model}`)}&limit=${ctx.config.hfPageSize}`;
          const listed = await run.list(url, z.object({ id: z.string() }));
          if (!listed) continue;
          responses.push(...listed.responses);
          truncated ||= listed.truncated;
          for (const item of listed.items) if (!own.has(item.id.toLowerCase())) ids.add(item.id);
        }
        byRelation[relation] = ids.size;
        for (const id of ids) derivatives.add(id);
      }
      const modelHead = resolved.find((r) => r.type === 'model');
      yield makeObservation(
        meta,
        {
          ...base,
          sourceUrl: modelHead?.sourceUrl ?? first.sourceUrl,
          indicator: 'derivative_models',
          value: derivatives.size,
          note: `Distinct models whose card names one of the project's models as base_model, by relation (${DERIVATIVE_RELATIONS.join(', ')}); the project's own repositories excluded.${truncated ? ` Lower bound: lists cut at ${ctx.config.hfMaxPages} pages.` : ''}`,
          details: byRelation,
        },
        responses.length > 0 ? responses : allResponses,
        models,
      );
    } catch (error) {
      const head = resolved.find((r) => r.type === 'model') ?? first;
      yield {
        ...errorFinding(meta, run.client, project, head.identifier, error, ctx.signal),
        indicator: 'derivative_models',
      };
    }
  }

  const datasets = names('dataset');
  if (datasets.length > 0) {
    try {
      const declaring = new Set<string>();
      const responses: HttpResponse[] = [];
      let truncated = false;
      for (const dataset of datasets) {
        const url = `${ctx.config.hfEndpoint}/api/models?filter=${encodeURIComponent(`dataset:${dataset}`)}&expand[]=cardData&limit=${ctx.config.hfPageSize}`;
        const listed = await run.list(url, listedModel);
        if (!listed) continue;
        responses.push(...listed.responses);
        truncated ||= listed.truncated;
        for (const model of listed.items) {
          const declared = model.cardData?.datasets;
          const list = Array.isArray(declared) ? declared : declared ? [declared] : [];
          if (list.some((d) => d.toLowerCase() === dataset.toLowerCase())) declaring.add(model.id);
        }
      }
      const datasetHead = resolved.find((r) => r.type === 'dataset');
      yield makeObservation(
        meta,
        {
          ...base,
          sourceUrl: datasetHead?.sourceUrl ?? first.sourceUrl,
          indicator: 'derived_models',
          value: declaring.size,
          note: `Distinct models whose card metadata (cardData.datasets) declares one of the project's datasets.${truncated ? ` Lower bound: lists cut at ${ctx.config.hfMaxPages} pages.` : ''}`,
        },
        responses.length > 0 ? responses : allResponses,
        datasets,
      );
    } catch (error) {
      const head = resolved.find((r) => r.type === 'dataset') ?? first;
      yield {
        ...errorFinding(meta, run.client, project, head.identifier, error, ctx.signal),
        indicator: 'derived_models',
      };
    }
  }
}
