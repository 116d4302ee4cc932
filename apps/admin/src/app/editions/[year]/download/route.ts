import type { NextRequest } from 'next/server';
import { parsePositiveInt } from '@/lib/labels';
import { type EditionExport, exportPublishedEdition } from '@/server/api/export';
import { ApiError } from '@/server/graphql';

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function toCsv(data: EditionExport): string {
  const header = [
    'year',
    'revision',
    'dimension',
    'rank',
    'previous_rank',
    'project',
    'name',
    'name_zh',
    'country',
    'score',
    'indicator',
    'raw',
    'normalized',
    'contribution',
    'is_illustrative',
    'evidence_ids',
  ];
  const lines = [header.join(',')];
  for (const dimension of data.dimensions) {
    for (const entry of dimension.entries) {
      for (const ind of entry.indicators) {
        lines.push(
          [
            data.edition.year,
            data.edition.revision,
            dimension.key,
            entry.rank,
            entry.previousRank,
            entry.project.slug,
            entry.project.name,
            entry.project.nameZh,
            entry.project.country,
            entry.score,
            ind.indicator.key,
            ind.raw,
            ind.normalized,
            ind.contribution,
            ind.isIllustrative,
            ind.evidence.map((e) => e.id).join(' '),
          ]
            .map(csvField)
            .join(','),
        );
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

export async function GET(
  request: NextRequest,
  context: { params: Promise<{ year: string }> },
): Promise<Response> {
  const year = parsePositiveInt((await context.params).year);
  const format = request.nextUrl.searchParams.get('format') === 'json' ? 'json' : 'csv';
  const revision = parsePositiveInt(request.nextUrl.searchParams.get('revision') ?? undefined);
  if (!year) return new Response('Not found\n', { status: 404 });
  let data: EditionExport | null;
  try {
    data = await exportPublishedEdition(year, revision);
  } catch (error) {
    const status = error instanceof ApiError && error.code === 'RATE_LIMITED' ? 429 : 502;
    return new Response(`The ranking API failed: ${error instanceof ApiError ? error.code : 'error'}\n`, {
      status,
    });
  }
  if (!data) return new Response('No published edition for that year\n', { status: 404 });
  const name = `ranking-${data.edition.year}-r${data.edition.revision}`;
  const headers = new Headers({
    'content-disposition': `attachment; filename="${name}.${format}"`,
    'cache-control': 'public, max-age=300',
  });
  if (format === 'json') {
    headers.set('content-type', 'application/json; charset=utf-8');
    const body = {
      edition: {
        year: data.edition.year,
        revision: data.edition.revision,
        title: data.edition.title,
        cutoff: data.edition.cutoff,
        publishedAt: data.edition.publishedAt,
        contentHash: data.edition.contentHash,
        methodology: data.edition.methodology,
      },
      dimensions: data.dimensions,
    };
    return new Response(`${JSON.stringify(body, null, 2)}\n`, { headers });
  }
  headers.set('content-type', 'text/csv; charset=utf-8');
  return new Response(toCsv(data), { headers });
}
