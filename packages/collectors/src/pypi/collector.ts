/**
 * PyPI downloads from pypistats.org (`/api/packages/<name>/overall?mirrors=false` for the daily series,
 * `/api/packages/<name>/recent` for the 30-day total). Shapes: https://pypistats.org/api (the API
 * page of psf/pypistats.org, templates/api.html).
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
import type { CollectContext, CollectedItem, Collector, ProjectSources } from '../types';
import { normalizePypiName, PYPI_NAME } from './names';

const meta = { source: 'pypi', version: '1.0.0' } as const;

const overall = z.object({
  data: z.array(
    z.object({ category: z.string(), date: z.string(), downloads: z.number().int().nonnegative() }),
  ),
  package: z.string(),
  type: z.literal('overall_downloads'),
});
const recent = z.object({
  data: z.object({ last_day: z.number().int(), last_week: z.number().int(), last_month: z.number().int() }),
  package: z.string(),
  type: z.literal('recent_downloads'),
});

async function get(client: HttpClient, url: string): Promise<HttpResponse | undefined> {
  const response = await client.request({ url, conditional: true, source: 'pypi' });
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

export const pypiCollector: Collector = {
  source: meta.source,
  version: meta.version,
  identifierKinds: ['pypi'],
  indicators: ['package_downloads_12m'],
  async *collect(targets: readonly ProjectSources[], ctx: CollectContext): AsyncGenerator<CollectedItem> {
    const client = httpClientFor(ctx);
    for (const target of targets) {
      const found: {
        name: string;
        total: number;
        lastMonth: number;
        dates: string[];
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
          const base = `${ctx.config.pypistatsUrl}/api/packages/${name}`;
          const series = await get(client, `${base}/overall?mirrors=false`);
          const last = series ? await get(client, `${base}/recent`) : undefined;
          if (!series || !last) {
            yield makeFinding(
              meta,
              target.project,
              identifier,
              'not_found',
              `pypistats.org has no package ${name}`,
              {
                requestUrl: `${base}/overall?mirrors=false`,
                responseStatus: 404,
              },
            );
            continue;
          }
          const rows = parseJson(series, overall).data.filter((row) => row.category === 'without_mirrors');
          found.push({
            name,
            total: rows.reduce((t, row) => t + row.downloads, 0),
            lastMonth: parseJson(last, recent).data.last_month,
            dates: rows.map((row) => row.date),
            responses: [series, last],
          });
        } catch (error) {
          yield errorFinding(meta, client, target.project, identifier, error, ctx.signal);
        }
      }
      const first = found[0];
      if (!first) continue;
      const dates = [...new Set(found.flatMap((f) => f.dates))].sort();
      const span = dates.length > 0 ? `${dates[0]} to ${dates[dates.length - 1]}` : 'no day';
      yield makeObservation(
        meta,
        {
          project: target.project,
          indicator: 'package_downloads_12m',
          value: found.reduce((t, f) => t + f.total, 0),
          sourceUrl: `https://pypistats.org/packages/${first.name}`,
          sourceKind: 'pypi',
          window: `P${dates.length}D`,
          note: `pypistats.org keeps about 180 days of daily downloads, not 12 months: this is the sum without mirrors over the ${dates.length} days it has (${span}).`,
          details: { last30Days: found.reduce((t, f) => t + f.lastMonth, 0), days: dates.length },
        },
        found.flatMap((f) => f.responses),
        found.map((f) => f.name),
      );
    }
  },
};
