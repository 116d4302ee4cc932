/**
 * What the what-if page and its JSON route both read from a URL: the published edition, the dimension
 * (case-insensitive, the first one by default) and the weights, with the reasons any weight is
 * refused in the reader's language.
 */
import 'server-only';
import type { Translate } from '@/i18n/translate';
import { parsePositiveInt } from '@/lib/labels';
import { type ParsedWeights, parseWeights, type WeightProblem } from '@/lib/what-if-weights';
import { getWhatIfSetup, type WhatIfDimension, type WhatIfSetup } from '@/server/api/what-if';

export interface ResolvedWhatIf {
  setup: WhatIfSetup;
  /** The revision named in the URL, if any. */
  revision?: number;
  dimension: WhatIfDimension;
  parsed: ParsedWeights;
}

/** Null when the URL names no published edition or no dimension of it (a 404). */
export async function resolveWhatIf(
  yearText: string,
  query: Iterable<[string, string | string[] | undefined]>,
): Promise<ResolvedWhatIf | null> {
  const year = parsePositiveInt(yearText);
  if (!year) return null;
  const entries = [...query];
  const first = (name: string) => {
    const value = entries.find(([key]) => key === name)?.[1];
    return Array.isArray(value) ? value[0] : value;
  };
  const revision = parsePositiveInt(first('revision'));
  const setup = await getWhatIfSetup(year, revision);
  if (!setup) return null;
  const asked = first('dimension')?.toLowerCase();
  const dimension = asked ? setup.dimensions.find((d) => d.key.toLowerCase() === asked) : setup.dimensions[0];
  if (!dimension) return null;
  return { setup, revision, dimension, parsed: parseWeights(entries, dimension.pillars) };
}

export function problemMessage(t: Translate, problem: WeightProblem, dimension: WhatIfDimension): string {
  switch (problem.kind) {
    case 'unknown':
      return t('whatIf.unknownNode', {
        node: problem.node,
        keys: dimension.pillars.map((p) => p.key).join(', '),
      });
    case 'notANumber':
      return t('whatIf.notANumber', { node: problem.node, value: problem.value });
    case 'negative':
      return t('whatIf.negative', { node: problem.node, value: problem.value });
    case 'allZero':
      return t('whatIf.allZero');
  }
}
