/**
 * Public downloads of a published edition: `/editions/YEAR/download?file=FILE[&revision=N]` serves
 * the API's `GET /editions/YEAR/export/FILE` byte for byte (any export file: results.csv, projects.csv,
 * evidence.csv, indicator_scores.csv, …, datapackage.json, CITATION.cff, README.md, manifest.json). There is one implementation — the API's export, generated from
 * the edition's frozen snapshot — so a download never reflects later catalogue edits.
 * `?format=csv` (the default) is results.csv and `?format=json` is manifest.json.
 */
import type { NextRequest } from 'next/server';
import { parsePositiveInt } from '@/lib/labels';
import { env } from '@/server/env';

/** A file name the API may serve; anything else is refused before it reaches the API's URL. */
const FILE = /^[A-Za-z_]+\.[a-z]+$/;
const FORMATS: Record<string, string> = { csv: 'results.csv', json: 'manifest.json' };
/** Answer headers passed on from the API (the body is passed on unchanged, so are these). */
const PASSED_ON = ['content-type', 'content-length', 'content-disposition', 'etag', 'cache-control', 'vary'];

const plain = (status: number, text: string) =>
  new Response(`${text}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

export async function GET(
  request: NextRequest,
  context: { params: Promise<{ year: string }> },
): Promise<Response> {
  const year = parsePositiveInt((await context.params).year);
  if (!year) return plain(404, 'Not found');
  const query = request.nextUrl.searchParams;
  const file = query.get('file') ?? FORMATS[query.get('format') ?? 'csv'];
  if (!file || !FILE.test(file)) return plain(400, 'file must be one of the export files, e.g. results.csv');
  const revisionText = query.get('revision');
  const revision = revisionText === null ? undefined : parsePositiveInt(revisionText);
  if (revisionText !== null && !revision) return plain(400, 'revision must be a positive integer');

  const target = new URL(`/editions/${year}/export/${file}`, env.apiUrl);
  if (revision) target.searchParams.set('revision', String(revision));
  const ifNoneMatch = request.headers.get('if-none-match');
  let answer: Response;
  try {
    answer = await fetch(target, {
      // identity: the body and its content-length are passed on exactly as the API sent them.
      headers: { 'accept-encoding': 'identity', ...(ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}) },
      cache: 'no-store',
    });
  } catch (error) {
    console.error(
      `admin: download from ${target.origin} failed:`,
      error instanceof Error ? (error.cause ?? error.message) : error,
    );
    return plain(502, 'The ranking API is not reachable');
  }
  // Error answers are small JSON: read them to the end, which frees the connection.
  if (answer.status === 404) {
    await answer.arrayBuffer();
    return plain(404, 'No published edition for that year, or no such file');
  }
  if (answer.status !== 200 && answer.status !== 304) {
    await answer.arrayBuffer();
    return plain(answer.status === 429 ? 429 : 502, `The ranking API answered ${answer.status}`);
  }
  const headers = new Headers();
  for (const name of PASSED_ON) {
    const value = answer.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(answer.status === 304 ? null : answer.body, { status: answer.status, headers });
}
