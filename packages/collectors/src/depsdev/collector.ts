/**
 * Dependents from deps.dev: `GET /v3/systems/pypi/packages/<name>` gives the versions and the default
 * one; `GET /v3alpha/systems/pypi/packages/<name>/versions/<version>:dependents` (only in v3alpha)
 * counts the packages depending on that version. Shapes: google/deps.dev api/v3/api.proto (`Package`)
 * and api/v3alpha/apiv3alpha.proto (`Dependents`), in their JSON (lowerCamelCase) mapping.
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
import { errorFinding, makeFinding, makeObservation } from '../provenance';
import { normalizePypiName, PYPI_NAME } from '../pypi/names';
import type { CollectContext, CollectedItem, Collector, ProjectSources } from '../types';

const meta = { source: 'depsdev', version: '1.0.0' } as const;

const pkg = z.object({
  packageKey: z.object({ system: z.string(), name: z.string() }),
  versions: z.array(
    z.object({
      versionKey: z.object({ system: z.string(), name: z.string(), version: z.string() }),
      publishedAt: z.string().optional(),
      isDefault: z.boolean().optional(),
    }),
  ),
});
const dependents = z.object({
  dependentCount: z.number().int().nonnegative().default(0),
  directDependentCount: z.number().int().nonnegative().default(0),
  indirectDependentCount: z.number().int().nonnegative().default(0),
});

async function get(client: HttpClient, url: string): Promise<HttpResponse | undefined> {
  const response = await client.request({ url, conditional: true, source: 'depsdev' });
  if (response.responseStatus === 404) return undefined;
  if (response.responseStatus !== 200 && response.responseStatus !== 304) {
    throw new HttpError(
      'status',
      url,
      `GET ${url} answered ${response.responseStatus}${bodySnippet(response.responseBody)}`,
      response.responseStatus,
    );
  }
  return response;
}

export const depsdevCollector: Collector = {
  source: meta.source,
  version: meta.version,
  identifierKinds: ['pypi'],
  indicators: ['dependent_repositories'],
  async *collect(targets: readonly ProjectSources[], ctx: CollectContext): AsyncGenerator<CollectedItem> {
    const client = httpClientFor(ctx);
    for (const target of targets) {
      const found: {
        name: string;
        version: string;
        counts: z.infer<typeof dependents>;
        responses: HttpResponse[];
      }[] = [];
      for (const identifier of target.sources) {
        if (identifier.kind !== 'pypi') continue;
        const name = normalizePypiName(identifier.identifier);
        if (!PYPI_NAME.test(name)) {
          yield makeFinding(
            meta,
            target.project,
            identifier,
            'error',
            `not a PyPI project name: ${JSON.stringify(identifier.identifier)}`,
          );
          continue;
        }
        try {
          const packageUrl = `${ctx.config.depsdevUrl}/v3/systems/pypi/packages/${encodeURIComponent(name)}`;
          const packageResponse = await get(client, packageUrl);
          if (!packageResponse) {
            yield makeFinding(
              meta,
              target.project,
              identifier,
              'not_found',
              `deps.dev has no PyPI package ${name}`,
              { requestUrl: packageUrl, responseStatus: 404 },
            );
            continue;
          }
          const versions = parseJson(packageResponse, pkg).versions;
          const chosen = versions.find((v) => v.isDefault) ?? versions.at(-1);
          if (!chosen) {
            yield makeFinding(
              meta,
              target.project,
              identifier,
              'no_data',
              `deps.dev lists no version of ${name}`,
              { indicator: 'dependent_repositories' },
            );
            continue;
          }
          const version = chosen.versionKey.version;
          const dependentsUrl = `${ctx.config.depsdevUrl}/v3alpha/systems/pypi/packages/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}:dependents`;
          const dependentsResponse = await get(client, dependentsUrl);
          if (!dependentsResponse) {
            yield makeFinding(
              meta,
              target.project,
              identifier,
              'not_found',
              `deps.dev has no dependents record for ${name} ${version}`,
              { requestUrl: dependentsUrl, responseStatus: 404 },
            );
            continue;
          }
          found.push({
            name,
            version,
            counts: parseJson(dependentsResponse, dependents),
            responses: [packageResponse, dependentsResponse],
          });
        } catch (error) {
          yield errorFinding(meta, client, target.project, identifier, error, ctx.signal);
        }
      }
      const first = found[0];
      if (!first) continue;
      yield makeObservation(
        meta,
        {
          project: target.project,
          indicator: 'dependent_repositories',
          value: found.reduce((t, f) => t + f.counts.directDependentCount, 0),
          sourceUrl: `https://deps.dev/pypi/${first.name}`,
          sourceKind: 'other',
          note: `deps.dev counts packages, not repositories: PyPI packages depending directly on the default version (${found.map((f) => `${f.name} ${f.version}`).join(', ')}).`,
          details: {
            dependents: found.reduce((t, f) => t + f.counts.dependentCount, 0),
            indirectDependents: found.reduce((t, f) => t + f.counts.indirectDependentCount, 0),
          },
        },
        found.flatMap((f) => f.responses),
        found.map((f) => f.name),
      );
    }
  },
};
