/**
 * The live part of a collection run, as same-origin JSON: `GET /admin/collection/ID/progress` answers
 * `{ run }` (status, progress, counts, finding count, times; `CollectionRunFields`) or `{ error }`
 * (401 signed out, 404 no such run, 502 the API failed). The run pages' client islands poll it while the
 * run is going, so the browser needs no API token: the API is called with the session's.
 */

import { getRunProgress, type RunSummary } from '@/server/api/collection';
import { getSessionUser } from '@/server/auth';
import { ApiError } from '@/server/graphql';

export type ProgressAnswer = { run: RunSummary } | { error: { code: string; message: string } };

const json = (status: number, body: ProgressAnswer) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const user = await getSessionUser();
  if (!user) return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in again.' } });
  if (!/^\d{1,18}$/.test(id)) return json(404, { error: { code: 'NOT_FOUND', message: 'No such run.' } });
  try {
    const run = await getRunProgress(user, id);
    if (!run) return json(404, { error: { code: 'NOT_FOUND', message: 'No such run.' } });
    return json(200, { run });
  } catch (error) {
    if (error instanceof ApiError)
      return json(error.code === 'FORBIDDEN' ? 403 : 502, {
        error: { code: error.code, message: error.message },
      });
    console.error('admin: collection progress failed:', error);
    return json(502, {
      error: { code: 'INTERNAL_SERVER_ERROR', message: 'The progress could not be read.' },
    });
  }
}
