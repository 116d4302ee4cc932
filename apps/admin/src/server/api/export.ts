/** The whole of a published edition, for CSV/JSON downloads (anonymous: only published data is visible). */
import 'server-only';
import { request } from '../graphql';
import type { Connection } from './common';
import { PAGE_INFO } from './common';
import type { EditionDetail } from './editions';
import { getEdition } from './editions';

export interface ExportEntry {
  rank: number;
  previousRank: number | null;
  score: number;
  project: { slug: string; name: string; nameZh: string | null; country: string | null };
  breakdown: { key: string; score: number }[];
  indicators: {
    indicator: { key: string };
    raw: number | null;
    normalized: number | null;
    contribution: number;
    isIllustrative: boolean;
    evidence: { id: string; sourceUrl: string }[];
  }[];
}

export interface EditionExport {
  edition: EditionDetail;
  dimensions: { key: string; name: string; entries: ExportEntry[] }[];
}

const PAGE = 100;

export async function exportPublishedEdition(year: number, revision?: number): Promise<EditionExport | null> {
  const edition = await getEdition(null, year, revision);
  if (edition?.status !== 'PUBLISHED') return null;
  const dimensions: EditionExport['dimensions'] = [];
  for (const dimension of edition.dimensions) {
    const entries: ExportEntry[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { edition: { ranking: Connection<ExportEntry> } | null } = await request<
        { edition: { ranking: Connection<ExportEntry> } | null },
        { year: number; revision: number; dimension: string; first: number; after: string | null }
      >(
        `query ExportRanking($year: Int!, $revision: Int!, $dimension: String!, $first: Int, $after: String) {
          edition(year: $year, revision: $revision) {
            ranking(dimension: $dimension, first: $first, after: $after) {
              edges { cursor node {
                rank previousRank score
                project { slug name nameZh country }
                breakdown { key score }
                indicators { indicator { key } raw normalized contribution isIllustrative evidence { id sourceUrl } }
              } }
              ${PAGE_INFO}
            }
          }
        }`,
        { year, revision: edition.revision, dimension: dimension.key, first: PAGE, after },
      );
      const page = data.edition?.ranking;
      if (!page) break;
      entries.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
      after = page.pageInfo.endCursor;
    }
    dimensions.push({ key: dimension.key, name: dimension.name, entries });
  }
  return { edition, dimensions };
}
