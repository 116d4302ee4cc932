/**
 * Hostile request input at the HTTP layer, over real HTTP: JSON nested too deep for the recursive
 * work done on it, bodies over the limit sent without a length, and NUL characters in every
 * spelling GraphQL and JSON have for them.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../src/http/limits';
import { startTestApi, type TestApi } from './helpers';

interface ErrorBody {
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** `{"a":{"a":…{"a":1}…}}`, `levels` objects deep, as JSON text. */
const nestedJson = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
/** `{"a":[[…[1]…]]}`, an object holding arrays, `levels` deep in all. */
const nestedArrays = (levels: number) => `{"a":${'['.repeat(levels - 1)}1${']'.repeat(levels - 1)}}`;

const QUERY = '{ editions { year } }';

describe('deeply nested variables and extensions', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('pglite');
  });
  afterAll(async () => api?.close());

  const post = (text: string) =>
    fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: text,
    });
  const get = (params: Record<string, string>) =>
    fetch(`${api.url}/graphql?${new URLSearchParams({ query: QUERY, ...params })}`, {
      headers: { accept: 'application/json' },
    });

  for (const where of ['variables', 'extensions'] as const) {
    for (const [shape, nested] of [
      ['objects', nestedJson],
      ['arrays', nestedArrays],
    ] as const) {
      it(`refuses 5 000 levels of ${shape} in ${where} with 400 naming ${where} (POST)`, async () => {
        const text = `{"query":${JSON.stringify(QUERY)},"${where}":${nested(5000)}}`;
        const res = await post(text);
        expect(res.status).toBe(400);
        const body = (await res.json()) as ErrorBody;
        expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(body.errors?.[0]?.message).toContain(where);
        expect(body.errors?.[0]?.message).toContain(String(MAX_JSON_DEPTH));
      });

      // A URL holds less (Node refuses request heads over 16 KB with 431).
      it(`refuses 600 levels of ${shape} in ${where} with 400 naming ${where} (GET)`, async () => {
        const res = await get({ [where]: nested(600) });
        expect(res.status).toBe(400);
        const body = (await res.json()) as ErrorBody;
        expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(body.errors?.[0]?.message).toContain(where);
      });
    }
  }

  it(`accepts ${MAX_JSON_DEPTH} levels and refuses ${MAX_JSON_DEPTH + 1}`, async () => {
    // The variables object itself is the first level; an unused variable is ignored by GraphQL.
    const within = await post(
      `{"query":${JSON.stringify(QUERY)},"variables":{"v":${nestedJson(MAX_JSON_DEPTH - 1)}}}`,
    );
    expect(within.status).toBe(200);
    expect(((await within.json()) as ErrorBody).errors).toBeUndefined();
    const beyond = await post(
      `{"query":${JSON.stringify(QUERY)},"variables":{"v":${nestedJson(MAX_JSON_DEPTH)}}}`,
    );
    expect(beyond.status).toBe(400);
    await beyond.arrayBuffer();
  });

  it('still answers after the refusals', async () => {
    const res = await get({});
    expect(res.status).toBe(200);
  });
});

/**
 * POSTs `chunks` chunks of 1 KB with Transfer-Encoding: chunked (no Content-Length), writing on while
 * the server reads; resolves with the response, or rejects with the connection's error.
 */
function postChunked(url: string, chunks: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(1024, ' ');
    let sent = 0;
    const pump = () => {
      while (sent < chunks) {
        sent++;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

describe('bodies over the limit without a Content-Length', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('pglite', { env: { BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(async () => api?.close());

  it('answers 413 with the JSON error to a chunked body past the limit, then closes', async () => {
    for (const chunks of [8, 256]) {
      const { status, body } = await postChunked(api.url, chunks);
      expect(status, `${chunks} KB`).toBe(413);
      expect((JSON.parse(body) as ErrorBody).errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    }
    const after = await fetch(`${api.url}/graphql?query=${encodeURIComponent(QUERY)}`);
    expect(after.status).toBe(200);
  });
});

describe.each(testDrivers())('NUL characters, in every spelling (%s)', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(driver);
  });
  afterAll(async () => api?.close());

  const send = (init: { body?: string; search?: Record<string, string> }) =>
    fetch(`${api.url}/graphql${init.search ? `?${new URLSearchParams(init.search)}` : ''}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      ...(init.body === undefined ? {} : { body: init.body }),
    });

  /** The answer is a 400 about NUL with `code`, and the database connection is still usable. */
  async function expectRefused(res: Response, code: string) {
    const body = (await res.json()) as ErrorBody;
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/NUL/);
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
    // A comment of its own keeps the response cache from answering for the database.
    const fresh = `{ projects { totalCount } } # ${randomUUID()}`;
    const after = await fetch(`${api.url}/graphql?query=${encodeURIComponent(fresh)}`);
    expect(after.status).toBe(200);
    expect(((await after.json()) as ErrorBody).errors).toBeUndefined();
  }

  const bySlug = (literal: string) => `{ project(slug: ${literal}) { slug } }`;
  const documents: [string, string][] = [
    ['\\u0000 in a string', bySlug('"a\\u0000b"')],
    ['\\u{0} in a string', bySlug('"a\\u{0}b"')],
    ['\\u{000000} in a string', bySlug('"a\\u{000000}b"')],
    ['a raw NUL in a block string', bySlug('"""a\u0000b"""')],
    ['\\u{0} in an input object', '{ projects(filter: { organization: "\\u{0}" }) { totalCount } }'],
  ];

  for (const [spelling, query] of documents) {
    it(`refuses ${spelling} of a document (POST and GET)`, async () => {
      await expectRefused(await send({ body: JSON.stringify({ query }) }), 'GRAPHQL_VALIDATION_FAILED');
      await expectRefused(await send({ search: { query } }), 'GRAPHQL_VALIDATION_FAILED');
    });
  }

  it('refuses \\u0000 in a document whose backslash is a JSON escape (\\u005c)', async () => {
    const body = `{"query":"{ project(slug: \\"a\\u005cu0000b\\") { slug } }"}`;
    expect((JSON.parse(body) as { query: string }).query).toBe(bySlug('"a\\u0000b"'));
    await expectRefused(await send({ body }), 'GRAPHQL_VALIDATION_FAILED');
  });

  const withVariable = 'query ($slug: String!) { project(slug: $slug) { slug } }';
  it('refuses a NUL in variables, JSON-escaped (POST) or percent-encoded (GET)', async () => {
    await expectRefused(
      await send({ body: JSON.stringify({ query: withVariable, variables: { slug: 'a\u0000b' } }) }),
      'BAD_USER_INPUT',
    );
    await expectRefused(
      await send({ search: { query: withVariable, variables: JSON.stringify({ slug: 'a\u0000b' }) } }),
      'BAD_USER_INPUT',
    );
    const nested = 'query ($f: ProjectFilter) { projects(filter: $f) { totalCount } }';
    await expectRefused(
      await send({ body: JSON.stringify({ query: nested, variables: { f: { organization: '\u0000' } } }) }),
      'BAD_USER_INPUT',
    );
  });

  it('accepts the six characters \\u0000 as text (an escaped backslash)', async () => {
    const res = await send({
      body: JSON.stringify({ query: withVariable, variables: { slug: 'a\\u0000b' } }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ErrorBody & { data?: { project: null } };
    expect(body.errors).toBeUndefined();
    expect(body.data?.project).toBeNull();
    const literal = await send({ body: JSON.stringify({ query: bySlug('"a\\\\u0000b"') }) });
    expect(literal.status).toBe(200);
  });
});
