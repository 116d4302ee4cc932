/**
 * The what-if page's same-origin JSON: `GET /editions/YEAR/what-if/ranking?dimension=D&w.PILLAR=W…` (the
 * page's own query) answers `{ page }`, the first page of the re-ranked dimension, or `{ error: { message } }`
 * (400 for weights that cannot be used, 404 for no such edition or dimension). The page's client island
 * calls it as sliders move, so the browser never needs an API key; the API is called anonymously with
 * the browser's signed address, like every public page.
 */
import type { NextRequest } from 'next/server';
import { getI18n } from '@/i18n/server';
import { getWhatIf } from '@/server/api/what-if';
import { ApiError } from '@/server/graphql';
import { PAGE_SIZE } from '../page-size';
import { problemMessage, resolveWhatIf } from '../resolve';
import type { WhatIfAnswer } from '../what-if-island';

const json = (status: number, body: WhatIfAnswer) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

export async function GET(request: NextRequest, context: { params: Promise<{ year: string }> }) {
  const { t } = await getI18n();
  const resolved = await resolveWhatIf((await context.params).year, request.nextUrl.searchParams.entries());
  if (!resolved) return json(404, { error: { message: t('common.notFound') } });
  const { setup, dimension, parsed } = resolved;
  if (parsed.problems.length > 0)
    return json(400, {
      error: { message: parsed.problems.map((p) => problemMessage(t, p, dimension)).join(' ') },
    });
  try {
    const page = await getWhatIf({
      year: setup.year,
      revision: setup.revision,
      dimension: dimension.key,
      weights: parsed.weights,
      first: PAGE_SIZE,
    });
    if (!page) return json(404, { error: { message: t('common.notFound') } });
    return json(200, { page });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'BAD_USER_INPUT')
      return json(400, { error: { message: t('whatIf.rejected', { message: error.message }) } });
    const message = error instanceof ApiError ? error.message : t('common.error');
    if (!(error instanceof ApiError)) console.error('admin: what-if failed:', error);
    return json(502, { error: { message } });
  }
}
