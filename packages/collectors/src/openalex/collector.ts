/**
 * Citations from OpenAlex: `GET /works/doi:<doi>` (an arXiv id is looked up by arXiv's DataCite DOI,
 * `10.48550/arXiv.<id>`), value `cited_by_count`. Shape: the Work object,
 * https://docs.openalex.org/api-entities/works/work-object.
 */
import { z } from 'zod';
import { bodySnippet, HttpError, type HttpResponse, httpClientFor, parseJson } from '../http/client';
import { errorFinding, makeFinding, makeObservation } from '../provenance';
import type { CollectContext, CollectedItem, Collector, ProjectSources, SourceIdentifier } from '../types';

const meta = { source: 'openalex', version: '1.0.0' } as const;

const work = z.object({
  id: z.string().regex(/^https:\/\/openalex\.org\/W\d+$/),
  doi: z.string().nullable().optional(),
  display_name: z.string().nullable().optional(),
  cited_by_count: z.number().int().nonnegative(),
});

/** The DOI to look up, lower case, without resolver prefix; undefined when not a DOI / arXiv id. */
export function doiOf(identifier: SourceIdentifier): string | undefined {
  const raw = identifier.identifier.trim();
  if (identifier.kind === 'arxiv') {
    const id = raw.replace(/^(https?:\/\/arxiv\.org\/abs\/|arxiv:)/i, '').replace(/v\d+$/, '');
    return /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/i.test(id)
      ? `10.48550/arxiv.${id.toLowerCase()}`
      : undefined;
  }
  const doi = raw.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:)/i, '').toLowerCase();
  return /^10\.\d{4,9}\/\S+$/.test(doi) ? doi : undefined;
}

export const openalexCollector: Collector = {
  source: meta.source,
  version: meta.version,
  identifierKinds: ['doi', 'arxiv'],
  indicators: ['citations'],
  async *collect(targets: readonly ProjectSources[], ctx: CollectContext): AsyncGenerator<CollectedItem> {
    const client = httpClientFor(ctx);
    for (const target of targets) {
      const works = new Map<string, { id: string; doi: string; cited: number; response: HttpResponse }>();
      for (const identifier of target.sources) {
        if (identifier.kind !== 'doi' && identifier.kind !== 'arxiv') continue;
        const doi = doiOf(identifier);
        if (!doi) {
          yield makeFinding(
            meta,
            target.project,
            identifier,
            'error',
            `not a valid ${identifier.kind === 'doi' ? 'DOI' : 'arXiv id'}: ${JSON.stringify(identifier.identifier)}`,
          );
          continue;
        }
        // DOIs keep their `/`; every other reserved character is escaped.
        const url = `${ctx.config.openalexUrl}/works/doi:${doi.split('/').map(encodeURIComponent).join('/')}`;
        try {
          const response = await client.request({ url, conditional: true, source: 'openalex' });
          if (response.responseStatus === 404) {
            yield makeFinding(
              meta,
              target.project,
              identifier,
              'not_found',
              `OpenAlex has no work with DOI ${doi}`,
              { requestUrl: url, responseStatus: 404 },
            );
            continue;
          }
          if (response.responseStatus !== 200 && response.responseStatus !== 304) {
            throw new HttpError(
              'status',
              url,
              `GET ${url} answered ${response.responseStatus}${bodySnippet(response.responseBody)}`,
              response.responseStatus,
            );
          }
          const found = parseJson(response, work);
          // Two identifiers of one paper (its DOI and its arXiv id) may resolve to one work: count it once.
          works.set(found.id, { id: found.id, doi, cited: found.cited_by_count, response });
        } catch (error) {
          yield errorFinding(meta, client, target.project, identifier, error, ctx.signal);
        }
      }
      const list = [...works.values()];
      const first = list[0];
      if (!first) continue;
      yield makeObservation(
        meta,
        {
          project: target.project,
          indicator: 'citations',
          value: list.reduce((t, w) => t + w.cited, 0),
          sourceUrl: first.id,
          sourceKind: 'paper',
          note: `OpenAlex cited_by_count${list.length > 1 ? `, summed over ${list.length} works` : ''}.`,
        },
        list.map((w) => w.response),
        list.map((w) => w.id),
      );
    }
  },
};
