/**
 * The webhook dispatcher of a serving API process (docs/webhooks.md): sends the deliveries the
 * outbox holds, after the transactions that wrote them committed. It is woken at once by the
 * database's announcement of new deliveries (channel `ranking_webhooks`, sent at commit, so a
 * delivery written by another process or the CLI is seen too), sleeps until the next retry is due,
 * and looks every `WEBHOOK_POLL_MS` in any case (a missed announcement).
 *
 * Several API processes need no coordination: each claims due deliveries with
 * `FOR UPDATE SKIP LOCKED` and moves their next attempt past the request's deadline (a lease), so a
 * delivery is sent by one process at a time; one left by a process that died is due again when its
 * lease ends. Each attempt is one POST through the SSRF-guarded request of packages/collectors
 * (redirects are not followed: a 3xx is a failed attempt), with `WEBHOOK_TIMEOUT_MS` as its deadline.
 * 2xx is delivered; anything else is retried with exponential backoff and jitter for a day.
 */
import { GuardedRequestError, guardedRequest, SsrfRefusedError } from '@ranking/collectors';
import { listenOn, queryRows, WEBHOOK_CHANNEL } from '@ranking/schema';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../context';
import type { Logger } from '../../lib/logger';
import { endpointUrlProblem, retryDelayMs, signatureHeader } from './service';
import {
  abandonDelivery,
  type ClaimedDelivery,
  claimDueDeliveries,
  findEndpointSecret,
  recordAttempt,
} from './store';

/** Deliveries claimed (and sent concurrently) at a time. */
const BATCH = 10;
/** Bytes of an endpoint's answer read (the rest is dropped): only its status code counts. */
const MAX_ANSWER_BYTES = 4096;
export const WEBHOOK_USER_AGENT = 'oss-influence-ranking-webhooks/1.0';

export interface WebhookDispatcher {
  /** Looks for due deliveries now (a change committed in this process). */
  wake(): void;
  /** Stops looking; requests in flight are abandoned unrecorded (their lease makes them due again). */
  stop(): Promise<void>;
}

/** Milliseconds until the earliest pending delivery is due (0 when one is), or undefined when none is pending. */
export async function nextDueInMs(deps: AppDeps): Promise<number | undefined> {
  const [row] = await queryRows<{ ms: number | null }>(
    deps.db,
    // Not greatest(0, …) in SQL: greatest ignores a NULL, so "nothing pending" would read as "due now"
    // and the dispatcher would poll without pause.
    sql`SELECT (extract(epoch FROM min(next_attempt_at) - now()) * 1000)::float8 AS ms
        FROM webhook_deliveries WHERE status = 'pending'`,
  );
  return row?.ms == null ? undefined : Math.max(0, Number(row.ms));
}

/** One request for one delivery, recorded as an attempt. */
async function attempt(
  deps: AppDeps,
  logger: Logger,
  claimed: ClaimedDelivery,
  signal: AbortSignal,
): Promise<void> {
  const { env } = deps;
  const endpoint = await findEndpointSecret(deps.db, claimed.webhookId);
  if (!endpoint || endpoint.deleted || !endpoint.enabled) {
    await abandonDelivery(
      deps.db,
      claimed.id,
      endpoint?.deleted ? 'the webhook was deleted' : 'the webhook was disabled',
    );
    return;
  }
  const attemptedAt = new Date();
  const started = performance.now();
  let responseCode: number | null = null;
  let error: string | null = null;
  let final = false;
  const problem = endpointUrlProblem(env, new URL(endpoint.url));
  if (problem) {
    error = `refused: the URL ${problem}`;
    final = true;
  } else {
    const t = Math.floor(Date.now() / 1000);
    try {
      const response = await guardedRequest(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(claimed.body)),
          'user-agent': WEBHOOK_USER_AGENT,
          'x-ranking-event': claimed.event,
          'x-ranking-delivery': claimed.id,
          'x-ranking-signature': signatureHeader(endpoint.secret, claimed.body, t),
        },
        body: claimed.body,
        timeoutMs: env.WEBHOOK_TIMEOUT_MS,
        maxBodyBytes: MAX_ANSWER_BYTES,
        overflow: 'truncate',
        signal,
        policy: { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE },
      });
      responseCode = response.status;
      if (response.status < 200 || response.status > 299) {
        error =
          response.status >= 300 && response.status < 400
            ? `answered ${response.status} (redirects are not followed)`
            : `answered ${response.status}`;
      }
    } catch (cause) {
      if (signal.aborted) return; // shutting down: the lease makes it due again
      if (cause instanceof SsrfRefusedError) {
        error = cause.message;
        final = true;
      } else if (cause instanceof GuardedRequestError) {
        error = `${cause.kind}: ${cause.message}`;
      } else {
        throw cause;
      }
    }
  }
  const durationMs = Math.round(performance.now() - started);
  const ok = error === null;
  // attempts so far, this one included, sets the wait before the next
  const status = await deps.db.transaction(async (tx) => {
    const [row] = await queryRows<{ attempts: number }>(
      tx,
      sql`SELECT attempts::int AS attempts FROM webhook_deliveries WHERE id = ${claimed.id}::uuid FOR UPDATE`,
    );
    return recordAttempt(tx, claimed.id, {
      attemptedAt,
      ok,
      responseCode,
      error,
      durationMs,
      retryInMs: ok || final ? null : retryDelayMs(env.WEBHOOK_BACKOFF_BASE_MS, (row?.attempts ?? 0) + 1),
    });
  });
  // The URL and the error only: never the secret or the signature.
  logger.info(
    {
      webhookId: claimed.webhookId,
      delivery: claimed.id,
      event: claimed.event,
      responseCode,
      error,
      durationMs,
      status,
    },
    'webhook attempt',
  );
}

/** Starts the dispatcher; resolves once it listens for announcements (or could not, then it polls). */
export async function startWebhookDispatcher(deps: AppDeps, logger: Logger): Promise<WebhookDispatcher> {
  let stopped = false;
  let pending = true;
  let sleeping: (() => void) | undefined;
  const inFlight = new AbortController();
  const wake = () => {
    pending = true;
    sleeping?.();
  };

  const drain = async () => {
    for (;;) {
      if (stopped) return;
      const claimed = await claimDueDeliveries(deps.db, BATCH, deps.env.WEBHOOK_TIMEOUT_MS + 60_000);
      if (claimed.length === 0) return;
      await Promise.all(
        claimed.map((c) =>
          attempt(deps, logger, c, inFlight.signal).catch((error: unknown) => {
            if (!stopped) logger.error({ err: error, delivery: c.id }, 'webhook attempt failed to record');
          }),
        ),
      );
    }
  };

  const loop = async () => {
    while (!stopped) {
      if (!pending) {
        const dueIn = await nextDueInMs(deps).catch(() => undefined);
        const wait = Math.min(deps.env.WEBHOOK_POLL_MS, dueIn ?? Number.POSITIVE_INFINITY);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          timer.unref();
          sleeping = () => {
            clearTimeout(timer);
            resolve();
          };
          if (pending || stopped) sleeping();
        });
        sleeping = undefined;
      }
      pending = false;
      if (stopped) return;
      try {
        await drain();
      } catch (error) {
        if (!stopped) logger.error({ err: error }, 'webhook dispatch failed');
      }
    }
  };

  let stopListening: (() => Promise<void>) | undefined;
  try {
    // Behind a transaction pooler LISTEN would hold nothing (docs/operations.md, "Connection
    // poolers"): new deliveries are then found by polling every WEBHOOK_POLL_MS.
    if (deps.env.DB_POOL_MODE !== 'transaction')
      stopListening = await listenOn(deps.handle, WEBHOOK_CHANNEL, wake, wake);
  } catch (error) {
    logger.warn(
      { err: error },
      `not listening for webhook deliveries; looking every ${deps.env.WEBHOOK_POLL_MS} ms`,
    );
  }
  const running = loop();

  return {
    wake,
    async stop() {
      stopped = true;
      inFlight.abort(new Error('the server is stopping'));
      sleeping?.();
      await running;
      await stopListening?.().catch(() => {});
    },
  };
}
