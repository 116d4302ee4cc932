/**
 * The public what-if page's reads: a published edition's dimensions with their pillars and official
 * weights (the typed methodology tree), and `Edition.whatIf`, the dimension re-ranked with other
 * weights (apps/api/src/modules/editions/schema.graphql; docs/graphql-guide.md, "What-if").
 * Anonymous calls, like every public page.
 */
import 'server-only';
import { graphql } from '@/graphql/generated';
import type { WhatIfQuery, WhatIfSetupQuery } from '@/graphql/generated/graphql';
import type { Pillar } from '@/lib/what-if-weights';
import { ApiError, request } from '../graphql';

const WHAT_IF_SETUP = graphql(`
  query WhatIfSetup($year: Int!, $revision: Int) {
    edition(year: $year, revision: $revision) {
      year revision title status
      dimensions {
        key name
        nodes {
          ... on GroupNode { key name weight }
          ... on IndicatorNode { weight indicator { key name nameZh } }
        }
      }
    }
  }
`);

const WHAT_IF = graphql(`
  query WhatIf($year: Int!, $revision: Int, $dimension: String!, $weights: [WeightInput!]!, $first: Int, $after: String) {
    edition(year: $year, revision: $revision) {
      whatIf(dimension: $dimension, weights: $weights, first: $first, after: $after) {
        edges {
          node {
            rank score officialRank officialScore rankChange
            project { slug name nameZh country }
          }
        }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
`);

type SetupEdition = NonNullable<WhatIfSetupQuery['edition']>;
type SetupNode = SetupEdition['dimensions'][number]['nodes'][number];
export type WhatIfPage = NonNullable<WhatIfQuery['edition']>['whatIf'];
export type WhatIfEntry = WhatIfPage['edges'][number]['node'];

export interface WhatIfDimension {
  key: string;
  name: string;
  pillars: Pillar[];
}

export interface WhatIfSetup {
  year: number;
  revision: number;
  title: string;
  dimensions: WhatIfDimension[];
}

function pillarOf(node: SetupNode): Pillar | null {
  if ('key' in node) return { key: node.key, name: node.name, nameZh: null, weight: node.weight };
  if ('indicator' in node)
    return {
      key: node.indicator.key,
      name: node.indicator.name,
      nameZh: node.indicator.nameZh,
      weight: node.weight,
    };
  return null;
}

/** A published edition's dimensions and pillars; null when there is no such published edition. */
export async function getWhatIfSetup(year: number, revision?: number): Promise<WhatIfSetup | null> {
  const data = await request(WHAT_IF_SETUP, { year, revision: revision ?? null }).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') return { edition: null };
    throw error;
  });
  const edition = data.edition;
  if (edition?.status !== 'PUBLISHED') return null;
  return {
    year: edition.year,
    revision: edition.revision,
    title: edition.title,
    dimensions: edition.dimensions.map((d) => ({
      key: d.key,
      name: d.name,
      pillars: d.nodes.map(pillarOf).filter((p): p is Pillar => p !== null),
    })),
  };
}

/** One page of the dimension re-ranked with `weights` (pillar keys and weights). */
export async function getWhatIf(params: {
  year: number;
  revision: number;
  dimension: string;
  weights: { node: string; weight: number }[];
  first: number;
  after?: string;
}): Promise<WhatIfPage | null> {
  const data = await request(WHAT_IF, {
    year: params.year,
    revision: params.revision,
    dimension: params.dimension,
    weights: params.weights,
    first: params.first,
    after: params.after ?? null,
  });
  return data.edition?.whatIf ?? null;
}
