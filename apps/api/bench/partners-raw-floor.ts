/**
 * The raw floor of the partner workload (./partners.ts): postgres.js + node:http answering each
 * operation with one SQL statement that builds the API's JSON (no GraphQL, no auth, no caching).
 * POST a JSON body: `{ op: 'ranking', edition, dimension, first, selection }`, `{ op: 'project', slug }`
 * or `{ op: 'history', slug, editions: [id, …] }`. `PORT`, `DATABASE_URL` from the environment (a
 * benchmark helper, not app code).
 */
import { createServer } from 'node:http';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL ?? '', { max: 10 });

export type Selection = 'breakdown' | 'evidence' | 'organizations' | 'intervals';
export type RawRequest =
  | { op: 'ranking'; edition: number; dimension: string; first: number; selection: Selection }
  | { op: 'project'; slug: string }
  | { op: 'history'; slug: string; editions: number[] };

const ORGANIZATIONS = `(SELECT coalesce(json_agg(json_build_object('slug', o.slug, 'name', o.name, 'country', o.country) ORDER BY po.position), '[]')
    FROM project_organizations AS po JOIN organizations AS o ON o.id = po.organization_id WHERE po.project_id = p.id)`;

/** The fields of one ranking entry, per selection, as the API's GraphQL answer names them. */
const ENTRY: Record<Selection, string> = {
  breakdown: `'rank', r.rank, 'previousRank', r.previous_rank, 'score', r.score,
    'project', json_build_object('slug', p.slug, 'name', p.name),
    'breakdown', (SELECT coalesce(json_agg(json_build_object('key', n.key, 'score', n.value)), '[]') FROM jsonb_each(r.nodes) AS n(key, value))`,
  evidence: `'rank', r.rank, 'score', r.score, 'project', json_build_object('slug', p.slug),
    'indicators', (SELECT coalesce(json_agg(json_build_object('indicator', json_build_object('key', i.key),
        'raw', i.value->'raw', 'normalized', i.value->'normalized', 'contribution', i.value->'contribution',
        'evidence', (SELECT coalesce(json_agg(json_build_object('id', e.id::text, 'value', e.value) ORDER BY e.id), '[]')
          FROM evidence AS e WHERE e.id IN (SELECT x::bigint FROM jsonb_array_elements_text(i.value->'evidenceIds') AS x)))), '[]')
      FROM jsonb_each(r.indicators) AS i(key, value))`,
  organizations: `'rank', r.rank, 'score', r.score,
    'project', json_build_object('slug', p.slug, 'name', p.name, 'category', upper(p.category), 'organizations', ${ORGANIZATIONS})`,
  // The API's rank quantiles: to the nearest 0.05 (ranking-service.ts, rankQuantile).
  intervals: `'rank', r.rank, 'score', r.score, 'project', json_build_object('slug', p.slug),
    'rankInterval', CASE WHEN r.rank_median IS NULL THEN NULL ELSE json_build_object('medianRank', round(r.rank_median * 20) / 20, 'p05Rank', round(r.rank_p05 * 20) / 20, 'p95Rank', round(r.rank_p95 * 20) / 20) END`,
};

const ranking = (selection: Selection) => `
SELECT coalesce(json_agg(json_build_object('node', json_build_object(${ENTRY[selection]})) ORDER BY r.rank, p.slug), '[]') AS edges
FROM (SELECT * FROM results WHERE edition_id = $1 AND dimension_key = $2 ORDER BY rank, project_id LIMIT $3) AS r
JOIN projects AS p ON p.id = r.project_id`;

const PROJECT = `
SELECT json_build_object('slug', p.slug, 'name', p.name, 'category', upper(p.category), 'organizations', ${ORGANIZATIONS}) AS project
FROM projects AS p WHERE p.slug = $1`;

const HISTORY = `
SELECT json_build_object('slug', p.slug, 'resultsIn', (SELECT json_agg(json_build_object('results',
    (SELECT coalesce(json_agg(json_build_object('dimension', r.dimension_key, 'rank', r.rank, 'score', r.score) ORDER BY r.dimension_key), '[]')
      FROM results AS r WHERE r.edition_id = ed.id AND r.project_id = p.id)) ORDER BY ed.n)
  FROM unnest($2::int[]) WITH ORDINALITY AS ed(id, n))) AS project
FROM projects AS p WHERE p.slug = $1`;

async function answer(request: RawRequest): Promise<unknown> {
  switch (request.op) {
    case 'ranking': {
      const [row] = await sql.unsafe(ranking(request.selection), [
        request.edition,
        request.dimension,
        request.first,
      ]);
      return { data: { edition: { ranking: { edges: row?.edges ?? [] } } } };
    }
    case 'project': {
      const [row] = await sql.unsafe(PROJECT, [request.slug]);
      return { data: { project: row?.project ?? null } };
    }
    case 'history': {
      const [row] = await sql.unsafe(HISTORY, [request.slug, request.editions]);
      return { data: { project: row?.project ?? null } };
    }
  }
}

if (process.env.PORT)
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const body = JSON.stringify(await answer(JSON.parse(Buffer.concat(chunks).toString()) as RawRequest));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    });
  }).listen(Number(process.env.PORT), '127.0.0.1');
