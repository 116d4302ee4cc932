/**
 * Issue #17.5: automatic persisted queries for everyone (POST and GET, Apollo's protocol and codes,
 * cache headers of GET answers, mutations refused over GET) and trusted documents per API key
 * (a limited key runs only its registered documents, by text or by hash alone; open keys run
 * anything), managed through the admin mutations and audited.
 */
import { createHash } from 'node:crypto';
import { testDrivers } from '@ranking/schema/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Answer {
  status: number;
  headers: Headers;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

describe.each(testDrivers())('automatic persisted queries and trusted documents (%s)', (driver) => {
  let api: TestApi;
  let admin: string;

  const read = async (response: Response): Promise<Answer> => {
    const text = await response.text();
    const body = text ? (JSON.parse(text) as Omit<Answer, 'status' | 'headers'>) : {};
    return { status: response.status, headers: response.headers, ...body };
  };
  const auth = (token?: string): Record<string, string> =>
    token ? { authorization: `Bearer ${token}` } : {};

  const post = async (body: Record<string, unknown>, token?: string) =>
    read(
      await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...auth(token) },
        body: JSON.stringify(body),
      }),
    );
  /** GET /graphql with each parameter (objects as JSON), as Apollo Client's APQ link sends it. */
  const get = async (params: Record<string, unknown>, token?: string) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params))
      search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    return read(
      await fetch(`${api.url}/graphql?${search}`, {
        headers: { accept: 'application/json', ...auth(token) },
      }),
    );
  };

  const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
    admin = await api.tokenFor('admin');
  }, 300_000);
  afterAll(async () => api?.close());

  it('APQ: a hash unknown to the server is PERSISTED_QUERY_NOT_FOUND; sent with its text it is kept and then runs by hash over GET and POST, with the cache headers of the same query sent in full', async () => {
    const query = 'query ApqEditions($year: Int!) { edition(year: $year) { year revision status } }';
    const hash = sha256(query);
    const variables = { year: 2025 };

    const unknown = await get({ extensions: persisted(hash), variables, operationName: 'ApqEditions' });
    expect(unknown.status).toBe(200);
    expect(codeOf(unknown)).toBe('PERSISTED_QUERY_NOT_FOUND');
    // A CDN must not keep the refusal: the next request with the text registers the hash.
    expect(unknown.headers.get('cache-control')).toBe('private, no-store');

    const registered = await post({ query, variables, extensions: persisted(hash) });
    expect(registered.errors).toBeUndefined();
    expect(registered.data).toEqual({ edition: { year: 2025, revision: 1, status: 'PUBLISHED' } });

    const byText = await get({ query, variables, operationName: 'ApqEditions' });
    expect(byText.data).toEqual(registered.data);
    const policy = byText.headers.get('cache-control');
    expect(policy).toMatch(/^public, max-age=\d+/);

    const byHash = await get({ extensions: persisted(hash), variables, operationName: 'ApqEditions' });
    expect(byHash.status).toBe(200);
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data).toEqual(registered.data);
    expect(byHash.headers.get('cache-control')).toBe(policy);
    expect(byHash.headers.get('etag')).toBe(byText.headers.get('etag'));
    expect(byHash.headers.get('vary')).toBe('Accept, Authorization, X-Contest-Token');

    const byHashPost = await post({ variables, extensions: persisted(hash) });
    expect(byHashPost.data).toEqual(registered.data);
  });

  it('APQ: a text that does not match its hash is refused (400 PERSISTED_QUERY_HASH_MISMATCH) and registers nothing', async () => {
    const query = '{ editions { year } }';
    const wrong = sha256('{ editions { year status } }');
    const mismatch = await post({ query, extensions: persisted(wrong) });
    expect(mismatch.status).toBe(400);
    expect(codeOf(mismatch)).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect(mismatch.data).toBeUndefined();
    expect(codeOf(await post({ extensions: persisted(wrong) }))).toBe('PERSISTED_QUERY_NOT_FOUND');
    const version = await post({
      query,
      extensions: { persistedQuery: { version: 2, sha256Hash: sha256(query) } },
    });
    expect(version.status).toBe(400);
    expect(codeOf(version)).toBe('PERSISTED_QUERY_VERSION_NOT_SUPPORTED');
  });

  it('APQ: a mutation kept by its hash still runs over POST only; over GET it is refused and nothing runs', async () => {
    const mutation = 'mutation ApqSignOut { signOut }';
    const hash = sha256(mutation);
    const viaPost = await post({ query: mutation, extensions: persisted(hash) });
    // It ran: signOut refuses a caller without a session.
    expect(codeOf(viaPost)).toBe('UNAUTHENTICATED');
    const byHash = await get({ extensions: persisted(hash) });
    expect(byHash.status).toBe(405);
    expect(byHash.data).toBeUndefined();
    expect(codeOf(byHash)).toBe('BAD_REQUEST');
    const byText = await get({ query: mutation });
    expect(byText.status).toBe(405);
  });

  it('trusted documents: a limited key runs only its registered documents (by text, or by hash alone over GET and POST) and gets 403 OPERATION_NOT_TRUSTED for anything else; open keys run anything; every change is audited', async () => {
    const limitedKey = await api.keyWith(['read'], 'limited-partner');
    const openKey = await api.keyWith(['read'], 'open-partner');
    const keys = await api.gql<{ apiKeys: { id: string; name: string; trustedDocumentsOnly: boolean }[] }>(
      '{ apiKeys { id name trustedDocumentsOnly } }',
      {},
      { token: admin },
    );
    const idOf = (name: string) => keys.data?.apiKeys.find((k) => k.name === name)?.id ?? '';
    const limitedId = idOf('limited-partner');
    const openId = idOf('open-partner');
    expect(keys.data?.apiKeys.find((k) => k.name === 'limited-partner')?.trustedDocumentsOnly).toBe(false);

    const document = 'query PartnerYears {\n  editions {\n    year\n  }\n}\n';
    const register = `mutation Register($input: RegisterTrustedDocumentInput!) {
      registerTrustedDocument(input: $input) { hash name document }
    }`;
    const bad = await api.gql(
      register,
      { input: { apiKeyId: limitedId, document: 'query { editions { nope } }' } },
      { token: admin },
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'document' });
    expect(bad.errors?.[0]?.message).toMatch(/^line 1, column \d+: /);
    const syntax = await api.gql(
      register,
      { input: { apiKeyId: limitedId, document: 'query {' } },
      { token: admin },
    );
    expect(syntax.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'document' });

    const added = await api.gql<{ registerTrustedDocument: { hash: string; name: string } }>(
      register,
      { input: { apiKeyId: limitedId, document } },
      { token: admin },
    );
    expect(added.errors).toBeUndefined();
    const hash = sha256(document);
    expect(added.data?.registerTrustedDocument).toEqual({ hash, name: 'PartnerYears', document });
    const again = await api.gql(register, { input: { apiKeyId: limitedId, document } }, { token: admin });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', hash });
    // A key may not register documents for itself.
    const self = await api.gql(register, { input: { apiKeyId: limitedId, document } }, { token: limitedKey });
    expect(self.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const limit = await api.gql<{ setApiKeyTrustedDocumentsOnly: { trustedDocumentsOnly: boolean } }>(
      'mutation Limit($id: ID!) { setApiKeyTrustedDocumentsOnly(id: $id, only: true) { trustedDocumentsOnly } }',
      { id: limitedId },
      { token: admin },
    );
    expect(limit.data?.setApiKeyTrustedDocumentsOnly.trustedDocumentsOnly).toBe(true);

    const expected = await post({ query: document });
    expect(expected.data?.editions).toBeDefined();

    // Registered: by text, by hash alone (never sent in full to this server's APQ cache), GET and POST.
    expect(await post({ query: document }, limitedKey)).toMatchObject({ status: 200, data: expected.data });
    const byHashGet = await get({ extensions: persisted(hash) }, limitedKey);
    expect(byHashGet.errors).toBeUndefined();
    expect(byHashGet.data).toEqual(expected.data);
    expect((await post({ extensions: persisted(hash) }, limitedKey)).data).toEqual(expected.data);

    // Anything else: refused before it runs, with its own code and status.
    const other = await post({ query: '{ editions { year status } }' }, limitedKey);
    expect(other.status).toBe(403);
    expect(other.data).toBeUndefined();
    expect(codeOf(other)).toBe('OPERATION_NOT_TRUSTED');
    const otherHash = await get(
      { extensions: persisted(sha256('{ editions { year status } }')) },
      limitedKey,
    );
    expect([otherHash.status, codeOf(otherHash)]).toEqual([403, 'OPERATION_NOT_TRUSTED']);
    // The same text with one more space is another document.
    const respaced = await post({ query: document.replace('editions', 'editions ') }, limitedKey);
    expect(codeOf(respaced)).toBe('OPERATION_NOT_TRUSTED');

    // Open keys (and anonymous callers) run anything; the registry is per key.
    const anything = await post({ query: '{ editions { year status } }' }, openKey);
    expect(anything.errors).toBeUndefined();
    const notTheirs = await post({ extensions: persisted(sha256(`${document}# not sent\n`)) }, openKey);
    expect(codeOf(notTheirs)).toBe('PERSISTED_QUERY_NOT_FOUND');

    // The key reads its own documents; admins read every key's.
    const own = await api.gql<{
      viewer: { apiKey: { trustedDocumentsOnly: boolean; trustedDocuments: { hash: string }[] } };
    }>('{ viewer { apiKey { trustedDocumentsOnly trustedDocuments { hash } } } }', {}, { token: openKey });
    expect(own.data?.viewer.apiKey).toEqual({ trustedDocumentsOnly: false, trustedDocuments: [] });

    // Removed: refused from then on; opened again: anything runs.
    const removed = await api.gql(
      'mutation Remove($id: ID!, $hash: String!) { removeTrustedDocument(apiKeyId: $id, hash: $hash) { hash } }',
      { id: limitedId, hash },
      { token: admin },
    );
    expect(removed.errors).toBeUndefined();
    expect(codeOf(await post({ query: document }, limitedKey))).toBe('OPERATION_NOT_TRUSTED');
    const missing = await api.gql(
      'mutation Remove($id: ID!, $hash: String!) { removeTrustedDocument(apiKeyId: $id, hash: $hash) { hash } }',
      { id: limitedId, hash },
      { token: admin },
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await api.gql(
      'mutation Open($id: ID!) { setApiKeyTrustedDocumentsOnly(id: $id, only: false) { id } }',
      { id: limitedId },
      { token: admin },
    );
    expect((await post({ query: '{ editions { year status } }' }, limitedKey)).errors).toBeUndefined();

    const audit = await api.handle.db.execute<{ action: string; entity_id: string }>(
      sql`select action, entity_id::text from audit_log where action like 'api_key.%' and entity_id = ${Number(limitedId)} order by id`,
    );
    const rows = Array.isArray(audit) ? audit : (audit as unknown as { rows: { action: string }[] }).rows;
    expect(rows.map((r) => r.action)).toEqual([
      'api_key.create',
      'api_key.document.register',
      'api_key.trusted_documents_only',
      'api_key.document.remove',
      'api_key.trusted_documents_only',
    ]);
    expect(openId).not.toBe('');
  });
});
