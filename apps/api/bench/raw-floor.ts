/**
 * The raw floor of the API benchmark: postgres.js + node:http answering the same two operations with
 * one SQL statement each and the JSON shape of the GraphQL response (no GraphQL, no auth, no ETags).
 * `PORT`, `DATABASE_URL`, `EDITION_ID` from the environment (a benchmark helper, not app code).
 */
import { createServer } from 'node:http';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL ?? '', { max: 10 });
const editionId = Number(process.env.EDITION_ID);

const RANKING = `
SELECT coalesce(json_agg(json_build_object(
  'node', json_build_object('rank', r.rank, 'previousRank', r.previous_rank, 'score', r.score,
    'project', json_build_object('slug', p.slug, 'name', p.name),
    'breakdown', (SELECT coalesce(json_agg(json_build_object('key', n.key, 'score', n.value)), '[]') FROM jsonb_each(r.nodes) AS n(key, value)),
    'indicators', (SELECT coalesce(json_agg(json_build_object('indicator', json_build_object('key', i.key),
        'raw', i.value->'raw', 'normalized', i.value->'normalized', 'contribution', i.value->'contribution')), '[]')
      FROM jsonb_each(r.indicators) AS i(key, value))))
  ORDER BY r.rank, p.slug), '[]') AS edges
FROM (SELECT * FROM results WHERE edition_id = $1 AND dimension_key = $2 ORDER BY rank, project_id LIMIT 50) AS r
JOIN projects AS p ON p.id = r.project_id`;

const PROJECT = `
SELECT json_build_object('slug', p.slug, 'name', p.name, 'category', upper(p.category),
  'organizations', (SELECT coalesce(json_agg(json_build_object('slug', o.slug, 'name', o.name, 'country', o.country) ORDER BY po.position), '[]')
    FROM project_organizations AS po JOIN organizations AS o ON o.id = po.organization_id WHERE po.project_id = p.id)) AS project
FROM projects AS p WHERE p.slug = $1`;

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  try {
    let body: string;
    if (url.pathname === '/ranking') {
      const [row] = await sql.unsafe(RANKING, [editionId, url.searchParams.get('dimension') ?? 'model']);
      body = JSON.stringify({ data: { edition: { ranking: { edges: row?.edges ?? [] } } } });
    } else if (url.pathname === '/project') {
      const [row] = await sql.unsafe(PROJECT, [url.searchParams.get('slug') ?? '']);
      body = JSON.stringify({ data: { project: row?.project ?? null } });
    } else {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
}).listen(Number(process.env.PORT ?? 4101), '127.0.0.1');
