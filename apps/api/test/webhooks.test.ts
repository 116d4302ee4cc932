/**
 * Webhooks (src/modules/webhooks, docs/webhooks.md) against a receiver on 127.0.0.1 (node:http) that
 * checks every request's signature with the secret it was given once: publishing a computed edition
 * reaches a subscribed endpoint within seconds; an endpoint that fails (500, 500, then slower than
 * the timeout) gets the delivery in the end, every attempt recorded; the outbox row is written in
 * the publishing transaction (a rolled-back publish leaves none); "send again" makes a new attempt;
 * the end of a collection run is announced; private and loopback URLs are refused without the test
 * switch, at registration and at delivery; bad input names its field.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { queryRows, webhooks } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext } from '../src/context';
import { EnvError, loadEnv } from '../src/env';
import { publishEdition } from '../src/modules/editions/lifecycle-service';
import { enqueueWebhookEvent } from '../src/modules/webhooks/service';
import { codeOf, startTestApi, type TestApi } from './helpers';

const TIMEOUT_MS = 1500;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered (`slow`: it answered 200 only after the sender's deadline). */
  answer: number | 'slow';
}

/** What a path answers, request after request; past the list, 200. */
type Plan = (number | 'slow')[];

interface Receiver {
  url: string;
  received: Received[];
  plans: Map<string, Plan>;
  /** Resolves with the first request (already received or to come) matching `match`, or fails at the deadline. */
  waitFor(match: (r: Received) => boolean, what: string, deadlineMs?: number): Promise<Received>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const plans = new Map<string, Plan>();
  const waiters = new Set<() => void>();
  const slowResponses = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const plan = plans.get(path) ?? [];
      const answer = plan.shift() ?? 200;
      const entry = { path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answer };
      received.push(entry);
      for (const wake of waiters) wake();
      if (answer === 'slow') {
        // Answers well after the sender's deadline (or when the test ends).
        const finish = () => {
          slowResponses.delete(finish);
          if (!res.writableEnded) res.writeHead(200).end('late');
        };
        slowResponses.add(finish);
        setTimeout(finish, TIMEOUT_MS * 4).unref();
        return;
      }
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer === 200 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    plans,
    waitFor(match, what, deadlineMs = 30_000) {
      return new Promise<Received>((resolve, reject) => {
        const check = () => {
          const found = received.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no request for ${what} within ${deadlineMs} ms`));
        }, deadlineMs);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const finish of [...slowResponses]) finish();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Checks `X-Ranking-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` as a receiver would. */
function verifySignature(secret: string, header: string | string[] | undefined, body: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(header));
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  const given = Buffer.from(match[2] ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Polls `read` until it returns a value, or fails at the deadline. */
async function eventually<T>(
  read: () => Promise<T | undefined>,
  what: string,
  deadlineMs = 30_000,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const CREATE = `mutation Create($input: CreateWebhookInput!) {
  createWebhook(input: $input) { secret webhook { id url events enabled description } }
}`;

interface DeliveryView {
  id: string;
  event: string;
  eventId: string;
  status: string;
  attempts: number;
  lastResponseCode: number | null;
  attemptLog: { ok: boolean; responseCode: number | null; error: string | null; durationMs: number }[];
}

const DELIVERIES = `query Deliveries($id: ID!) {
  webhook(id: $id) { id deletedAt deliveries(first: 10) { totalCount edges { node {
    id event eventId status attempts lastResponseCode attemptLog { ok responseCode error durationMs }
  } } } }
}`;

describe.each(testDrivers())('webhooks (%s)', (driver) => {
  let api: TestApi;
  let strict: TestApi;
  let receiver: Receiver;
  let admin: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    api = await startTestApi(driver, {
      seed: true,
      env: {
        WEBHOOK_ALLOW_PRIVATE: '1',
        WEBHOOK_BACKOFF_BASE_MS: '20',
        WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
        WEBHOOK_POLL_MS: '1000',
        // The collection run below asks this receiver for Hugging Face data: 404, not found.
        HF_ENDPOINT: receiver.url,
        PUBLIC_API_URL: 'https://api.example.org/',
      },
    });
    // Without the test switch: the SSRF rule as in production.
    strict = await startTestApi(driver);
    admin = await api.tokenFor('admin');
  }, 600_000);
  afterAll(async () => {
    await api?.close();
    await strict?.close();
    await receiver?.close();
  });

  const subscribe = async (path: string, events: string[]) => {
    const created = await api.gql<{ createWebhook: { secret: string; webhook: { id: string } } }>(
      CREATE,
      { input: { url: `${receiver.url}${path}`, events, description: `receiver ${path}` } },
      { token: admin },
    );
    expect(created.errors).toBeUndefined();
    const payload = created.data?.createWebhook;
    if (!payload) throw new Error('no webhook');
    return { id: payload.webhook.id, secret: payload.secret };
  };

  const deliveriesOf = async (webhookId: string) => {
    const response = await api.gql<{ webhook: { deliveries: { edges: { node: DeliveryView }[] } } }>(
      DELIVERIES,
      { id: webhookId },
      { token: admin },
    );
    expect(response.errors).toBeUndefined();
    return response.data?.webhook.deliveries.edges.map((e) => e.node) ?? [];
  };

  const settled = (webhookId: string, what: string) =>
    eventually(async () => {
      const [latest] = await deliveriesOf(webhookId);
      return latest && latest.status !== 'PENDING' ? latest : undefined;
    }, what);

  it('publishing reaches subscribers signed within seconds; a failing, then slow endpoint gets it in the end; the outbox row is part of the publish transaction', async () => {
    const good = await subscribe('/good', ['edition.published', 'edition.corrected']);
    const flaky = await subscribe('/flaky', ['edition.corrected']);
    const other = await subscribe('/collections-only', ['collection.finished']);
    receiver.plans.set('/flaky', [500, 500, 'slow']);

    const created = await api.gql<{ createEdition: { id: string; revision: number } }>(
      'mutation { createEdition(input: { year: 2026, title: "2026, corrected", cutoff: "2026-11-30" }) { id revision } }',
      {},
      { token: admin },
    );
    expect(created.errors).toBeUndefined();
    const editionId = created.data?.createEdition.id ?? '';
    const revision = created.data?.createEdition.revision ?? 0;
    expect(revision).toBeGreaterThan(1);
    const computed = await api.gql<{ computeEdition: { contentHash: string } }>(
      `mutation { computeEdition(id: "${editionId}") { contentHash } }`,
      {},
      { token: admin },
    );
    expect(computed.errors).toBeUndefined();
    const hash = computed.data?.computeEdition.contentHash ?? '';

    // Inside a transaction that is then rolled back: the publish writes its outbox row in it…
    const events = async (db: Parameters<typeof queryRows>[0]) =>
      queryRows<{ body: string }>(
        db,
        sql`SELECT body FROM webhook_events WHERE body LIKE ${`%"id":"${editionId}"%`}`,
      );
    const rollback = new Error('roll back');
    await expect(
      api.handle.db.transaction(async (tx) => {
        await publishEdition({ ...createSystemContext(api.deps, 'test'), db: tx }, editionId, hash);
        expect(await events(tx)).toHaveLength(1);
        const fanned = await queryRows<{ n: number }>(
          tx,
          sql`SELECT count(*)::int AS n FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
              WHERE e.body LIKE ${`%"id":"${editionId}"%`}`,
        );
        expect(Number(fanned[0]?.n)).toBe(2);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    // …and leaves none behind.
    expect(await events(api.handle.db)).toHaveLength(0);

    const published = await api.gql<{ publishEdition: { status: string; publishedAt: string } }>(
      `mutation { publishEdition(id: "${editionId}", contentHash: "${hash}") { status publishedAt } }`,
      {},
      { token: admin },
    );
    expect(published.data?.publishEdition.status).toBe('PUBLISHED');

    const request = await receiver.waitFor((r) => r.path === '/good', 'the published edition');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-ranking-event']).toBe('edition.corrected');
    expect(request.headers['user-agent']).toMatch(/webhooks/);
    expect(verifySignature(good.secret, request.headers['x-ranking-signature'], request.body)).toBe(true);
    expect(verifySignature(flaky.secret, request.headers['x-ranking-signature'], request.body)).toBe(false);
    const body = JSON.parse(request.body) as {
      id: string;
      event: string;
      createdAt: string;
      data: Record<string, unknown> & { urls: Record<string, string> };
    };
    expect(body).toMatchObject({
      event: 'edition.corrected',
      data: {
        id: editionId,
        year: 2026,
        revision,
        contentHash: hash,
        publishedAt: published.data?.publishEdition.publishedAt,
        urls: {
          graphql: 'https://api.example.org/graphql',
          export: `https://api.example.org/editions/2026/export/datapackage.json?revision=${revision}`,
          manifest: `https://api.example.org/editions/2026/export/manifest.json?revision=${revision}`,
        },
      },
    });
    expect(Number.isNaN(Date.parse(body.createdAt))).toBe(false);

    const delivered = await settled(good.id, 'the good delivery to be recorded');
    expect(delivered).toMatchObject({
      status: 'DELIVERED',
      attempts: 1,
      lastResponseCode: 200,
      eventId: body.id,
    });
    expect(request.headers['x-ranking-delivery']).toBe(delivered.id);

    // The flaky endpoint: 500, 500, no answer within the timeout, then 200; every attempt recorded.
    const flakyDelivered = await eventually(async () => {
      const [latest] = await deliveriesOf(flaky.id);
      return latest?.status === 'DELIVERED' ? latest : undefined;
    }, 'the flaky delivery to succeed');
    const flakyRequests = receiver.received.filter((r) => r.path === '/flaky');
    expect(flakyRequests.map((r) => r.answer)).toEqual([500, 500, 'slow', 200]);
    for (const r of flakyRequests) {
      expect(r.body).toBe(request.body);
      expect(r.headers['x-ranking-delivery']).toBe(flakyDelivered.id);
      expect(verifySignature(flaky.secret, r.headers['x-ranking-signature'], r.body)).toBe(true);
    }
    expect(flakyDelivered.attempts).toBe(4);
    expect(flakyDelivered.attemptLog.map((a) => [a.ok, a.responseCode])).toEqual([
      [false, 500],
      [false, 500],
      [false, null],
      [true, 200],
    ]);
    expect(flakyDelivered.attemptLog[2]?.error).toMatch(/timeout/);
    expect(flakyDelivered.attemptLog[2]?.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);

    // Not subscribed to editions: nothing for it.
    expect(await deliveriesOf(other.id)).toEqual([]);

    // "Send again": the same delivery, the same body, a new attempt.
    const again = await api.gql<{ redeliverWebhookDelivery: { id: string; status: string } }>(
      'mutation Again($id: ID!) { redeliverWebhookDelivery(id: $id) { id status } }',
      { id: delivered.id },
      { token: admin },
    );
    expect(again.errors).toBeUndefined();
    expect(again.data?.redeliverWebhookDelivery).toEqual({ id: delivered.id, status: 'PENDING' });
    const resent = await receiver.waitFor(
      (r) => r.path === '/good' && r !== request && r.headers['x-ranking-delivery'] === delivered.id,
      'the delivery sent again',
    );
    expect(resent.body).toBe(request.body);
    expect(verifySignature(good.secret, resent.headers['x-ranking-signature'], resent.body)).toBe(true);
    const twice = await eventually(async () => {
      const [latest] = await deliveriesOf(good.id);
      return latest?.attemptLog.length === 2 && latest.status === 'DELIVERED' ? latest : undefined;
    }, 'the second attempt to be recorded');
    expect(twice.attempts).toBe(2);
    const audit = await queryRows<{ action: string }>(
      api.handle.db,
      sql`SELECT action FROM audit_log WHERE action LIKE 'webhook.%' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'webhook.create',
      'webhook.create',
      'webhook.create',
      'webhook.redeliver',
    ]);
  }, 300_000);

  it('announces the end of a collection run to its subscribers', async () => {
    const hook = await subscribe('/collections', ['collection.finished']);
    const editor = await api.tokenFor('editor');
    const started = await api.gql<{ startCollection: { id: string } }>(
      'mutation { startCollection(input: { sources: ["huggingface"], projects: ["deepseek-v3"] }) { id } }',
      {},
      { token: editor },
    );
    expect(started.errors).toBeUndefined();
    const runId = started.data?.startCollection.id ?? '';
    const request = await receiver.waitFor(
      (r) => r.path === '/collections',
      'the finished collection run',
      120_000,
    );
    expect(request.headers['x-ranking-event']).toBe('collection.finished');
    expect(verifySignature(hook.secret, request.headers['x-ranking-signature'], request.body)).toBe(true);
    const body = JSON.parse(request.body) as { event: string; data: Record<string, unknown> };
    const run = await api.gql<{ collectionRun: { status: string } }>(
      `query { collectionRun(id: "${runId}") { status } }`,
      {},
      { token: editor },
    );
    expect(body.event).toBe('collection.finished');
    expect(body.data).toMatchObject({
      runId,
      status: run.data?.collectionRun.status.toLowerCase(),
      sources: ['huggingface'],
    });
    expect(body.data.counts).toHaveProperty('huggingface');
  }, 180_000);

  it('shows the secret once, keeps it out of the audit log, disables, deletes and keeps the log readable', async () => {
    const { id, secret } = await subscribe('/lifecycle', ['edition.published']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const asked = await api.gql(`query { webhook(id: "${id}") { id secret } }`, {}, { token: admin });
    expect(asked.errors?.[0]?.message).toMatch(/Cannot query field "secret"/);
    const audited = await queryRows<{ n: number }>(
      api.handle.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE after::text LIKE ${`%${secret}%`} OR before::text LIKE ${`%${secret}%`}`,
    );
    expect(Number(audited[0]?.n)).toBe(0);

    const disabled = await api.gql<{ updateWebhook: { enabled: boolean; events: string[] } }>(
      `mutation { updateWebhook(id: "${id}", input: { enabled: false, events: ["edition.published", "collection.finished"] }) { enabled events } }`,
      {},
      { token: admin },
    );
    expect(disabled.data?.updateWebhook).toEqual({
      enabled: false,
      events: ['edition.published', 'collection.finished'],
    });
    const deleted = await api.gql<{ deleteWebhook: { deletedAt: string | null } }>(
      `mutation { deleteWebhook(id: "${id}") { deletedAt } }`,
      {},
      { token: admin },
    );
    expect(deleted.data?.deleteWebhook.deletedAt).toBeTruthy();
    const listed = await api.gql<{ webhooks: { id: string }[]; all: { id: string }[] }>(
      'query { webhooks { id } all: webhooks(includeDeleted: true) { id } }',
      {},
      { token: admin },
    );
    expect(listed.data?.webhooks.map((w) => w.id)).not.toContain(id);
    expect(listed.data?.all.map((w) => w.id)).toContain(id);
    const log = await api.gql<{ webhook: { deletedAt: string; deliveries: { totalCount: number } } }>(
      DELIVERIES,
      { id },
      { token: admin },
    );
    expect(log.errors).toBeUndefined();
    expect(log.data?.webhook.deletedAt).toBeTruthy();
    const again = await api.gql(`mutation { deleteWebhook(id: "${id}") { id } }`, {}, { token: admin });
    expect(codeOf(again)).toBe('NOT_FOUND');
  });

  it('refuses bad input with the field named, and callers without the admin scope', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ url: 'ftp://example.org/hook', events: ['edition.published'] }, 'url', /http or https/],
      [{ url: 'not a url', events: ['edition.published'] }, 'url', /absolute/],
      [{ url: 'https://user:pw@example.org/hook', events: ['edition.published'] }, 'url', /credentials/],
      [{ url: 'https://example.org/hook', events: [] }, 'events', /at least one/],
      [
        { url: 'https://example.org/hook', events: ['edition.deleted'] },
        'events',
        /unknown event "edition.deleted"/,
      ],
      [
        { url: 'https://example.org/hook', events: ['edition.published'], description: 'x'.repeat(501) },
        'description',
        /./,
      ],
    ];
    const before = await api.count('webhooks');
    for (const [input, field, message] of cases) {
      const response = await api.gql(CREATE, { input }, { token: admin });
      expect(codeOf(response), JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.field).toBe(field);
      expect(response.errors?.[0]?.message).toMatch(message);
    }
    const badId = await api.gql(
      'mutation { redeliverWebhookDelivery(id: "42") { id } }',
      {},
      { token: admin },
    );
    expect(codeOf(badId)).toBe('BAD_USER_INPUT');
    expect(badId.errors?.[0]?.extensions?.field).toBe('id');
    const publisher = await api.tokenFor('publisher');
    const forbidden = await api.gql(
      CREATE,
      { input: { url: 'https://example.org/hook', events: ['edition.published'] } },
      { token: publisher },
    );
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
    expect(await api.count('webhooks')).toBe(before);
  });

  it('without the test switch refuses private and loopback URLs at registration, and at delivery', async () => {
    const key = await strict.keyWith(['admin']);
    for (const url of [
      `${receiver.url}/hook`,
      'http://localhost/hook',
      'http://[::1]/hook',
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::ffff:127.0.0.1]/hook',
    ]) {
      const response = await strict.gql(
        CREATE,
        { input: { url, events: ['collection.finished'] } },
        { token: key },
      );
      expect(codeOf(response), url).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.field).toBe('url');
      expect(response.errors?.[0]?.message).toMatch(
        /not allowed: refused: .* is an? (loopback|private|metadata) address/,
      );
    }
    expect(await strict.count('webhooks')).toBe(0);

    // An endpoint stored before the rule applied (or whose name now resolves privately) is refused at delivery.
    const [row] = await strict.handle.db
      .insert(webhooks)
      .values({ url: `${receiver.url}/private`, events: ['collection.finished'], secret: 'whsec_test' })
      .returning({ id: webhooks.id });
    await strict.handle.db.transaction((tx) =>
      enqueueWebhookEvent(tx, strict.deps, 'collection.finished', { runId: '0', status: 'completed' }),
    );
    const failed = await eventually(async () => {
      const [delivery] = await queryRows<{ status: string; last_error: string | null; attempts: number }>(
        strict.handle.db,
        sql`SELECT status, last_error, attempts FROM webhook_deliveries WHERE webhook_id = ${row?.id ?? 0}`,
      );
      return delivery && delivery.status !== 'pending' ? delivery : undefined;
    }, 'the refused delivery');
    expect(failed.status).toBe('failed');
    expect(failed.last_error).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(receiver.received.filter((r) => r.path === '/private')).toEqual([]);
  });

  it('refuses WEBHOOK_ALLOW_PRIVATE in production and a bad backoff base at env load', () => {
    const production = { NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) };
    expect(() => loadEnv({ ...production, WEBHOOK_ALLOW_PRIVATE: '1' })).toThrow(EnvError);
    expect(() => loadEnv({ ...production, WEBHOOK_ALLOW_PRIVATE: '1' })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
    expect(() => loadEnv({ WEBHOOK_BACKOFF_BASE_MS: '0' })).toThrow(/WEBHOOK_BACKOFF_BASE_MS/);
  });
});
