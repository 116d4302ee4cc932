/**
 * Hugging Face Hub, pypistats.org, OpenAlex and deps.dev on 127.0.0.1, answering with the documented
 * response shapes, field for field, for the fields each fixture sets:
 * - Hugging Face: `ApiModelInfo` / `ApiDatasetInfo` of @huggingface/hub
 *   (packages/hub/src/types/api/api-model.ts, api-dataset.ts); with `expand[]` the Hub returns `_id`,
 *   `id` and the expanded fields only. Lists page with `Link: <...>; rel="next"`
 *   (packages/hub/src/lib/list-models.ts, utils/parseLinkHeader.ts). Unknown repositories: 404
 *   `{"error":"Repository not found"}`; renamed ones redirect (307) to the new id. A collection
 *   (`/api/collections/NAMESPACE/SLUG-ID`) as huggingface_hub's `Collection` / `CollectionItem` read it
 *   (src/huggingface_hub/hf_api.py): `slug`, `title`, `owner`, `items[]` of `_id`, `id`, `type`,
 *   `position` (a nested collection's item also has its `slug`), `lastUpdated`, `position`, `private`,
 *   `theme`, `upvotes`, `description`; unknown collections: 404.
 * - pypistats.org: `/api/packages/<name>/recent` and `/overall` as on https://pypistats.org/api
 *   (psf/pypistats.org, pypistats/templates/api.html).
 * - OpenAlex: the Work object, https://docs.openalex.org/api-entities/works/work-object; 404 for unknown ids.
 * - deps.dev: `Package` (api/v3/api.proto) and `Dependents` (api/v3alpha/apiv3alpha.proto) of
 *   google/deps.dev in their JSON mapping (lowerCamelCase, enum names).
 */
import { type FakeServer, type ManualClock, sendJson, startServer } from '../helpers';

export interface HubRepo {
  id: string;
  downloads: number;
  downloadsAllTime: number;
  likes: number;
  cardData?: { datasets?: string | string[]; base_model?: string | string[] };
  /** `base_model:<relation>:<id>` tags, e.g. `finetune:meta/llama-7b`. */
  baseModels?: string[];
  /** `dataset:<id>` tags. */
  datasetTags?: string[];
}

export interface HubCollectionItem {
  type: 'model' | 'dataset' | 'space' | 'paper' | 'collection';
  /** A repository id, a paper's arXiv id or a nested collection's slug. */
  id: string;
}

export interface HubCollection {
  /** `NAMESPACE/SLUG-ID`. */
  slug: string;
  title: string;
  items: HubCollectionItem[];
}

export interface HubFixture {
  models: HubRepo[];
  datasets: HubRepo[];
  /** Old id -> new id. */
  renamed: Record<string, string>;
  collections?: HubCollection[];
}

function collectionShape(c: HubCollection) {
  const owner = c.slug.split('/')[0] ?? '';
  return {
    slug: c.slug,
    title: c.title,
    description: `${c.title}, a fixture`,
    // The Hub answers the owner as an object (huggingface_hub keeps it as it comes).
    owner: { _id: `65${'0'.repeat(22)}`, name: owner, fullname: owner, type: 'org', isHf: false },
    items: c.items.map((item, position) => ({
      _id: `67${String(position).padStart(22, '0')}`,
      position,
      type: item.type,
      ...(item.type === 'collection'
        ? { id: item.id.slice(-24), slug: item.id, title: item.id }
        : { id: item.id }),
    })),
    lastUpdated: '2026-01-01T00:00:00.000Z',
    position: 0,
    private: false,
    theme: 'indigo',
    upvotes: 12,
  };
}

function hubShape(repo: HubRepo, index: number, expand: string[]) {
  const full: Record<string, unknown> = {
    _id: `66${String(index).padStart(22, '0')}`,
    id: repo.id,
    author: repo.id.split('/')[0],
    downloads: repo.downloads,
    downloadsAllTime: repo.downloadsAllTime,
    likes: repo.likes,
    private: false,
    gated: false,
    lastModified: '2026-01-01T00:00:00.000Z',
    tags: [
      ...(repo.baseModels ?? []).map((b) => `base_model:${b}`),
      ...(repo.datasetTags ?? []).map((d) => `dataset:${d}`),
    ],
    ...(repo.cardData ? { cardData: repo.cardData } : {}),
  };
  if (expand.length === 0) return full;
  return Object.fromEntries(
    Object.entries(full).filter(([k]) => k === '_id' || k === 'id' || expand.includes(k)),
  );
}

export async function startFakeHub(fixture: HubFixture, clock?: ManualClock): Promise<FakeServer> {
  const server: FakeServer = await startServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const expand = [...url.searchParams.getAll('expand[]'), ...url.searchParams.getAll('expand')];
    const headers = {
      ratelimit: '"api";r=499;t=200',
      'ratelimit-policy': '"fixed window";"api";q=500;w=300',
    };
    const collection = url.pathname.match(/^\/api\/collections\/(.+)$/);
    if (collection) {
      const found = (fixture.collections ?? []).find((c) => c.slug === collection[1]);
      if (!found) sendJson(res, 404, { error: 'Collection not found' }, headers);
      else sendJson(res, 200, collectionShape(found), headers);
      return;
    }
    const one = url.pathname.match(/^\/api\/(models|datasets)\/(.+)$/);
    if (one) {
      const [, kind = '', id = ''] = one;
      const renamed = fixture.renamed[id];
      if (renamed) {
        res.writeHead(307, { location: `/api/${kind}/${renamed}${url.search}`, ...headers });
        res.end();
        return;
      }
      const list = kind === 'models' ? fixture.models : fixture.datasets;
      const index = list.findIndex((r) => r.id === id);
      const repo = list[index];
      if (!repo) {
        sendJson(res, 404, { error: 'Repository not found' }, headers);
        return;
      }
      sendJson(res, 200, hubShape(repo, index, expand), headers);
      return;
    }
    const listing = url.pathname.match(/^\/api\/(models|datasets)$/);
    if (listing) {
      const list = listing[1] === 'models' ? fixture.models : fixture.datasets;
      const author = url.searchParams.get('author');
      const filters = url.searchParams.getAll('filter');
      let items = list.map((repo, index) => ({ repo, index }));
      if (author) items = items.filter(({ repo }) => repo.id.split('/')[0] === author);
      for (const filter of filters) {
        items = items.filter(({ repo }) =>
          filter.startsWith('base_model:')
            ? (repo.baseModels ?? []).includes(filter.slice('base_model:'.length))
            : filter.startsWith('dataset:')
              ? (repo.datasetTags ?? []).includes(filter.slice('dataset:'.length))
              : false,
        );
      }
      const limit = Number(url.searchParams.get('limit') ?? '1000');
      const offset = Number(url.searchParams.get('cursor') ?? '0');
      const page = items.slice(offset, offset + limit);
      const pageHeaders: Record<string, string> = { ...headers };
      if (offset + limit < items.length) {
        const next = new URL(`${server.url}${url.pathname}${url.search}`);
        next.searchParams.set('cursor', String(offset + limit));
        pageHeaders.link = `<${next}>; rel="next"`;
      }
      // Listing fields: the Hub's defaults plus what `expand[]` asks for.
      sendJson(
        res,
        200,
        page.map(({ repo, index }) =>
          hubShape(
            repo,
            index,
            expand.length > 0 ? expand : ['downloads', 'likes', 'private', 'gated', 'lastModified', 'tags'],
          ),
        ),
        pageHeaders,
      );
      return;
    }
    sendJson(res, 404, { error: "Sorry, we can't find the page you are looking for." });
  }, clock);
  return server;
}

export interface PypiFixture {
  /** Normalised name -> daily downloads without mirrors, and the recent totals. */
  packages: Record<string, { days: { date: string; downloads: number }[]; lastMonth: number }>;
}

export async function startFakePypistats(fixture: PypiFixture, clock?: ManualClock): Promise<FakeServer> {
  return startServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const match = url.pathname.match(/^\/api\/packages\/([^/]+)\/(recent|overall)$/);
    const pkg = match ? fixture.packages[match[1] ?? ''] : undefined;
    if (!match || !pkg) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not Found</h1>');
      return;
    }
    if (match[2] === 'recent') {
      const lastDay = pkg.days.at(-1)?.downloads ?? 0;
      sendJson(res, 200, {
        data: { last_day: lastDay, last_month: pkg.lastMonth, last_week: lastDay },
        package: match[1],
        type: 'recent_downloads',
      });
      return;
    }
    const mirrors = url.searchParams.get('mirrors');
    const rows = pkg.days.flatMap((d) => [
      ...(mirrors === 'false'
        ? []
        : [{ category: 'with_mirrors', date: d.date, downloads: d.downloads + 7 }]),
      ...(mirrors === 'true' ? [] : [{ category: 'without_mirrors', date: d.date, downloads: d.downloads }]),
    ]);
    sendJson(res, 200, { data: rows, package: match[1], type: 'overall_downloads' });
  }, clock);
}

export interface OpenalexFixture {
  /** Lower-case DOI -> work. */
  works: Record<string, { id: string; title: string; cited: number }>;
}

export async function startFakeOpenalex(fixture: OpenalexFixture, clock?: ManualClock): Promise<FakeServer> {
  return startServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const match = url.pathname.match(/^\/works\/doi:(.+)$/);
    const doi = match ? decodeURIComponent(match[1] ?? '').toLowerCase() : '';
    const work = fixture.works[doi];
    if (!work) {
      sendJson(res, 404, { error: 'NotFoundError', message: `${url.pathname} does not exist.` });
      return;
    }
    sendJson(res, 200, {
      id: work.id,
      doi: `https://doi.org/${doi}`,
      title: work.title,
      display_name: work.title,
      publication_year: 2023,
      type: 'article',
      ids: { openalex: work.id, doi: `https://doi.org/${doi}` },
      cited_by_count: work.cited,
      cited_by_api_url: `https://api.openalex.org/works?filter=cites:${work.id.split('/').at(-1)}`,
      counts_by_year: [],
    });
  }, clock);
}

export interface DepsdevFixture {
  packages: Record<
    string,
    {
      versions: { version: string; isDefault: boolean; publishedAt: string }[];
      dependents: Record<string, { total: number; direct: number; indirect: number }>;
    }
  >;
}

export async function startFakeDepsdev(fixture: DepsdevFixture, clock?: ManualClock): Promise<FakeServer> {
  return startServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const pkgMatch = url.pathname.match(/^\/v3\/systems\/pypi\/packages\/([^/]+)$/);
    const depMatch = url.pathname.match(
      /^\/v3alpha\/systems\/pypi\/packages\/([^/]+)\/versions\/([^/]+):dependents$/,
    );
    const name = decodeURIComponent((pkgMatch ?? depMatch)?.[1] ?? '');
    const pkg = fixture.packages[name];
    if (!pkg) {
      sendJson(res, 404, { code: 5, message: 'package not found', details: [] });
      return;
    }
    if (pkgMatch) {
      sendJson(res, 200, {
        packageKey: { system: 'PYPI', name },
        versions: pkg.versions.map((v) => ({
          versionKey: { system: 'PYPI', name, version: v.version },
          publishedAt: v.publishedAt,
          isDefault: v.isDefault,
          isDeprecated: false,
        })),
      });
      return;
    }
    const counts = pkg.dependents[decodeURIComponent(depMatch?.[2] ?? '')];
    if (!counts) {
      sendJson(res, 404, { code: 5, message: 'version not found', details: [] });
      return;
    }
    sendJson(res, 200, {
      dependentCount: counts.total,
      directDependentCount: counts.direct,
      indirectDependentCount: counts.indirect,
    });
  }, clock);
}
