/**
 * Issue #17.6: usage per API key, counted in memory by each API process and added to `api_key_usage`
 * by its flushes (no database write per request): requests, errors, rate-limited requests, operations
 * by name or document hash, deprecated fields; read by admins (`apiKeys { usage }`) and by the key
 * itself (`viewer { apiKey { usage lastUsedAt } }`). Two recorders flushing into one database stand
 * for two API processes.
 */
import { createHash } from 'node:crypto';
import { testDrivers } from '@ranking/schema/testing';
import { extendSchema, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeprecatedFieldsCache, deprecatedFieldsOf } from '../src/graphql/deprecated-fields';
import { buildSchema } from '../src/graphql/schema';
import { ApiKeyUsageRecorder } from '../src/modules/api-keys/usage';
import { startTestApi, type TestApi } from './helpers';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface UsageDay {
  day: string;
  requests: number;
  errors: number;
  rateLimited: number;
  operations: { name: string; count: number }[];
  deprecatedFields: { field: string; count: number }[];
}

const USAGE =
  'usage(days: 30) { day requests errors rateLimited operations { name count } deprecatedFields { field count } }';

describe('deprecated fields of a document', () => {
  // The schema has no deprecated field yet: one is added for the test.
  const schema = extendSchema(
    buildSchema(),
    parse(
      'extend type Query { legacyYears: [Int!]! @deprecated(reason: "Since 2026-12-04: use editions.") }',
    ),
  );

  it('are found through fragments and nested selections, once each', () => {
    const document = parse(`
      query Old { ...F legacyYears editions { year } }
      fragment F on Query { legacyYears }
    `);
    expect(deprecatedFieldsOf(schema, document)).toEqual(['Query.legacyYears']);
    expect(deprecatedFieldsOf(schema, parse('{ editions { year } }'))).toEqual([]);
  });

  it('are found once per document hash', () => {
    const cache = new DeprecatedFieldsCache(schema);
    const text = '{ legacyYears }';
    expect(cache.get(sha256(text), parse(text))).toEqual(['Query.legacyYears']);
    // Same hash: the kept answer, whatever document comes with it.
    expect(cache.get(sha256(text), parse('{ editions { year } }'))).toEqual(['Query.legacyYears']);
  });
});

describe.each(testDrivers())('API key usage (%s)', (driver) => {
  let api: TestApi | undefined;
  const LIMIT = 4;

  beforeAll(async () => {
    // No demo data: the requests below need none. A small limit to reach it in a few requests.
    api = await startTestApi(driver, { env: { API_KEY_RATE_LIMIT: String(LIMIT) } });
  }, 300_000);
  afterAll(async () => api?.close());

  const flush = () => api?.deps.apiKeyUsage.flush(api.deps.db);

  it('counts requests, errors, rate-limited requests and operations per key and day; flushes add up across processes; the key reads its own, admins every key', async () => {
    if (!api) throw new Error('no API');
    const key = await api.keyWith(['read'], 'usage-partner');
    // No demo users in this database: an admin key reads every key's usage.
    const adminKey = await api.keyWith(['admin'], 'usage-admin');
    const today = new Date().toISOString().slice(0, 10);
    const named = 'query WhoAmI { viewer { apiKey { name } } }';
    const anonymous = '{ editions { year } }';
    const failing = 'query NoSuchYear { edition(year: 1900) { year } }';

    // What the test saw, to compare with what the API counted.
    let requests = 0;
    let errors = 0;
    let rateLimited = 0;
    const operations = new Map<string, number>();
    const send = async (query: string, operation: string) => {
      const answer = await (api as TestApi).gql(query, {}, { token: key });
      requests++;
      if (answer.errors) errors++;
      if (answer.status === 429) rateLimited++;
      else operations.set(operation, (operations.get(operation) ?? 0) + 1);
      return answer;
    };
    expect((await send(named, 'WhoAmI')).errors).toBeUndefined();
    expect((await send(anonymous, sha256(anonymous))).errors).toBeUndefined();
    expect((await send(failing, 'NoSuchYear')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Until the limit refuses one (a window may turn over in between: keep going, within a deadline).
    const deadline = Date.now() + 60_000;
    while (rateLimited === 0 && Date.now() < deadline) await send(named, 'WhoAmI');
    expect(rateLimited).toBe(1);
    expect(errors).toBeGreaterThanOrEqual(2);

    // Nothing is written per request; a flush writes the counts.
    expect(await api.count('api_key_usage')).toBe(0);
    await flush();
    expect(await api.count('api_key_usage')).toBeGreaterThan(0);
    expect(api.deps.apiKeyUsage.pending).toBe(0);

    // Another API process counted a request of the same key the same day, reading a deprecated field.
    const other = new ApiKeyUsageRecorder();
    const keys = await api.gql<{ apiKeys: { id: string; name: string }[] }>(
      '{ apiKeys { id name } }',
      {},
      { token: adminKey },
    );
    const keyId = Number(keys.data?.apiKeys.find((k) => k.name === 'usage-partner')?.id);
    other.record({
      apiKeyId: keyId,
      at: new Date(),
      operation: 'WhoAmI',
      error: false,
      rateLimited: false,
      deprecatedFields: ['Query.legacyYears'],
    });
    await other.flush(api.deps.db);

    const adminToken = adminKey;
    const seen = await api.gql<{ apiKeys: { name: string; lastUsedAt: string | null; usage: UsageDay[] }[] }>(
      `{ apiKeys { name lastUsedAt ${USAGE} } }`,
      {},
      { token: adminToken },
    );
    expect(seen.errors).toBeUndefined();
    const mine = seen.data?.apiKeys.find((k) => k.name === 'usage-partner');
    expect(mine?.lastUsedAt).not.toBeNull();
    // The other process's request adds one WhoAmI.
    operations.set('WhoAmI', (operations.get('WhoAmI') ?? 0) + 1);
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(mine?.usage).toHaveLength(1);
    const [day] = mine?.usage ?? [];
    expect(day).toMatchObject({ day: today, requests: requests + 1, errors, rateLimited });
    expect([...(day?.operations ?? [])].sort(byName)).toEqual(
      [...operations].map(([name, count]) => ({ name, count })).sort(byName),
    );
    // Most used first.
    const counts = day?.operations.map((o) => o.count) ?? [];
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(day?.deprecatedFields).toEqual([{ field: 'Query.legacyYears', count: 1 }]);

    // The key reads its own usage (another key: it is over its limit until the window turns).
    const second = await api.keyWith(['read'], 'usage-reader');
    expect((await api.gql(named, {}, { token: second })).errors).toBeUndefined();
    await flush();
    const own = await api.gql<{ viewer: { apiKey: { lastUsedAt: string | null; usage: UsageDay[] } } }>(
      `{ viewer { apiKey { lastUsedAt ${USAGE} } } }`,
      {},
      { token: second },
    );
    expect(own.errors).toBeUndefined();
    expect(own.headers.get('cache-control')).toBe('private, no-store');
    expect(own.data?.viewer.apiKey.lastUsedAt).not.toBeNull();
    expect(own.data?.viewer.apiKey.usage).toEqual([
      {
        day: today,
        requests: 1,
        errors: 0,
        rateLimited: 0,
        operations: [{ name: 'WhoAmI', count: 1 }],
        deprecatedFields: [],
      },
    ]);
    const badDays = await api.gql(`{ viewer { apiKey { usage(days: 91) { day } } } }`, {}, { token: second });
    expect(badDays.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
  });

  it('a graceful close flushes what is left (a failed flush would keep its counts)', async () => {
    if (!api) throw new Error('no API');
    const closing = api;
    const key = await closing.keyWith(['read'], 'usage-closing');
    const answer = await closing.gql('query Closing { viewer { apiKey { name } } }', {}, { token: key });
    expect(answer.errors).toBeUndefined();
    expect(closing.deps.apiKeyUsage.pending).toBeGreaterThan(0);
    api = undefined;
    await closing.close();
    expect(closing.deps.apiKeyUsage.pending).toBe(0);
  });
});
