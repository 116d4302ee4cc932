/**
 * Archived copies of evidence links in the Internet Archive's Wayback Machine.
 *
 * - Nearest existing snapshot: the availability API,
 *   `GET {waybackAvailabilityUrl}?url=URL[&timestamp=YYYYMMDD]` answering
 *   `{"archived_snapshots":{"closest":{"available":true,"url":"http://web.archive.org/web/…","timestamp":"20130919044612","status":"200"}}}`
 *   (`archived_snapshots` is `{}` when there is none). https://archive.org/help/wayback_api.php
 *   Only a snapshot whose recorded status is 2xx counts (a snapshot of a 404 page archives nothing).
 * - A new snapshot: Save Page Now 2 (SPN2, "Save Page Now 2 Public API Docs Draft", Internet
 *   Archive): `POST {waybackUrl}/save` with `Accept: application/json`,
 *   `Authorization: LOW accesskey:secret` and the form body `url=URL`, answering `{"url","job_id"}`,
 *   or `{"status":"error","status_ext":"error:…","message"}` without a job; then
 *   `GET {waybackUrl}/save/status/{job_id}` until `status` is `success` (with `timestamp` and
 *   `original_url`; the copy is `{waybackUrl}/web/{timestamp}/{original_url}`) or `error` (with
 *   `status_ext` and `message`). Polled every `waybackPollIntervalMs`, for `waybackMaxWaitMs` at most.
 * Requests go through the shared HTTP layer (../http/client.ts): 429 waits as `Retry-After` says,
 * 5xx and timeouts are retried, the keys are redacted from every message. These URLs are
 * configuration, not user input, so the SSRF rule does not apply to them.
 */
import { z } from 'zod';
import { bodySnippet, HttpError, httpClientFor, parseJson } from '../http/client';
import type { CollectContext } from '../types';
import type { LinkCheck } from './types';

export interface ArchivedCopy {
  archivedUrl: string;
  archivedAt: Date;
  /** `save`: captured now by Save Page Now; `existing`: the nearest snapshot already archived. */
  via: 'save' | 'existing';
}

export type WaybackErrorKind = 'rate_limited' | 'refused' | 'capture_failed' | 'timeout' | 'unavailable';

/** The Wayback Machine could not give a copy; `statusExt` is SPN2's `error:…` code when it sent one. */
export class WaybackError extends Error {
  readonly kind: WaybackErrorKind;
  readonly statusExt?: string;
  readonly httpStatus?: number;

  constructor(
    kind: WaybackErrorKind,
    message: string,
    details: { statusExt?: string; httpStatus?: number } = {},
  ) {
    super(message);
    this.name = 'WaybackError';
    this.kind = kind;
    if (details.statusExt !== undefined) this.statusExt = details.statusExt;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
  }
}

/** `YYYYMMDDhhmmss` (UTC, as the Wayback Machine writes times; shorter forms pad with zeros). */
export function parseWaybackTimestamp(timestamp: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?$/.exec(timestamp);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function yyyymmdd(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll('-', '');
}

const availabilitySchema = z.object({
  archived_snapshots: z.object({
    closest: z
      .object({
        available: z.boolean(),
        url: z.string(),
        timestamp: z.string(),
        status: z.string(),
      })
      .optional(),
  }),
});

const saveSchema = z.object({
  job_id: z.string().optional(),
  status: z.string().optional(),
  status_ext: z.string().optional(),
  message: z.string().optional(),
});

const statusSchema = z.object({
  status: z.string(),
  timestamp: z.string().optional(),
  original_url: z.string().optional(),
  status_ext: z.string().optional(),
  message: z.string().optional(),
});

/** SPN2 refusals meaning "not now" rather than "not this URL". */
const SPN_LIMITS =
  /^error:(user-session-limit|too-many-daily-captures|too-many-requests|concurrent-captures)/;

function unavailable(error: unknown, what: string): WaybackError {
  if (error instanceof HttpError) {
    const kind =
      error.kind === 'rate_limited' ? 'rate_limited' : error.kind === 'timeout' ? 'timeout' : 'unavailable';
    return new WaybackError(
      kind,
      `${what}: ${error.message}`,
      error.status !== undefined ? { httpStatus: error.status } : {},
    );
  }
  return error instanceof WaybackError ? error : new WaybackError('unavailable', `${what}: ${String(error)}`);
}

/**
 * The snapshot nearest to `near` (or the most recent one), if the Wayback Machine has one.
 * @throws {WaybackError} when the availability API cannot be asked (after the HTTP layer's retries).
 */
export async function findSnapshot(
  url: string,
  ctx: CollectContext,
  options: { near?: Date } = {},
): Promise<ArchivedCopy | undefined> {
  const query = new URLSearchParams({ url });
  if (options.near) query.set('timestamp', yyyymmdd(options.near));
  const requestUrl = `${ctx.config.waybackAvailabilityUrl}?${query}`;
  try {
    const response = await httpClientFor(ctx).request({ url: requestUrl });
    if (response.responseStatus !== 200) {
      throw new WaybackError(
        'unavailable',
        `${requestUrl} answered ${response.responseStatus}${bodySnippet(response.responseBody)}`,
        { httpStatus: response.responseStatus },
      );
    }
    const closest = parseJson(response, availabilitySchema).archived_snapshots.closest;
    if (!closest?.available || !/^2\d\d$/.test(closest.status)) return undefined;
    const archivedAt = parseWaybackTimestamp(closest.timestamp);
    if (!archivedAt) {
      throw new WaybackError(
        'unavailable',
        `${requestUrl} answered an unreadable timestamp: ${closest.timestamp}`,
      );
    }
    return { archivedUrl: closest.url, archivedAt, via: 'existing' };
  } catch (error) {
    throw unavailable(error, 'Wayback availability lookup failed');
  }
}

/** True when Save Page Now can be used (both keys configured). */
export function canSaveSnapshots(ctx: CollectContext): boolean {
  return Boolean(ctx.config.waybackAccessKey && ctx.config.waybackSecretKey);
}

/**
 * Captures `url` now with Save Page Now and returns the new copy.
 * @throws {WaybackError} `refused` without keys or when SPN2 refuses the URL, `rate_limited` for 429
 *   and SPN2's capture limits, `capture_failed` when the capture job ends in error, `timeout` when it
 *   is still pending after `waybackMaxWaitMs`, `unavailable` for other HTTP failures.
 */
export async function saveSnapshot(url: string, ctx: CollectContext): Promise<ArchivedCopy> {
  const { waybackUrl, waybackAccessKey, waybackSecretKey } = ctx.config;
  if (!waybackAccessKey || !waybackSecretKey) {
    throw new WaybackError('refused', 'Save Page Now needs WAYBACK_ACCESS_KEY and WAYBACK_SECRET_KEY');
  }
  const client = httpClientFor(ctx);
  const headers = {
    accept: 'application/json',
    authorization: `LOW ${waybackAccessKey}:${waybackSecretKey}`,
  };
  const what = `Save Page Now of ${url}`;
  try {
    const submitted = await client.request({
      url: `${waybackUrl}/save`,
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ url }).toString(),
    });
    if (submitted.responseStatus !== 200) {
      throw new WaybackError(
        'unavailable',
        `${what}: ${waybackUrl}/save answered ${submitted.responseStatus}${client.redact(bodySnippet(submitted.responseBody))}`,
        { httpStatus: submitted.responseStatus },
      );
    }
    const job = parseJson(submitted, saveSchema);
    if (!job.job_id) {
      const statusExt = job.status_ext ?? 'error:unknown';
      throw new WaybackError(
        SPN_LIMITS.test(statusExt) ? 'rate_limited' : 'refused',
        `${what} refused: ${statusExt}${job.message ? ` (${job.message})` : ''}`,
        { statusExt },
      );
    }

    const statusUrl = `${waybackUrl}/save/status/${encodeURIComponent(job.job_id)}`;
    const deadline = ctx.clock.now().getTime() + ctx.config.waybackMaxWaitMs;
    for (;;) {
      const response = await client.request({ url: statusUrl, headers });
      if (response.responseStatus !== 200) {
        throw new WaybackError(
          'unavailable',
          `${what}: ${statusUrl} answered ${response.responseStatus}${client.redact(bodySnippet(response.responseBody))}`,
          { httpStatus: response.responseStatus },
        );
      }
      const state = parseJson(response, statusSchema);
      if (state.status === 'success') {
        const archivedAt = state.timestamp ? parseWaybackTimestamp(state.timestamp) : undefined;
        if (!state.timestamp || !archivedAt) {
          throw new WaybackError(
            'unavailable',
            `${what}: ${statusUrl} reported success without a readable timestamp`,
          );
        }
        return {
          archivedUrl: `${waybackUrl}/web/${state.timestamp}/${state.original_url ?? url}`,
          archivedAt,
          via: 'save',
        };
      }
      if (state.status === 'error') {
        const statusExt = state.status_ext ?? 'error:unknown';
        throw new WaybackError(
          SPN_LIMITS.test(statusExt) ? 'rate_limited' : 'capture_failed',
          `${what} failed: ${statusExt}${state.message ? ` (${state.message})` : ''}`,
          { statusExt },
        );
      }
      const remaining = deadline - ctx.clock.now().getTime();
      if (remaining <= 0) {
        throw new WaybackError(
          'timeout',
          `${what}: still ${state.status} after ${ctx.config.waybackMaxWaitMs} ms`,
        );
      }
      await ctx.clock.sleep(Math.min(ctx.config.waybackPollIntervalMs, remaining), ctx.signal);
    }
  } catch (error) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    throw unavailable(error, what);
  }
}

export interface ArchiveResult {
  copy?: ArchivedCopy;
  /** Why there is no copy, or why Save Page Now failed before falling back to an existing snapshot. */
  error?: string;
}

/**
 * An archived copy for a checked link. A live link (OK, REDIRECTED) is captured now when the keys
 * are configured, falling back to the nearest existing snapshot when the capture fails; a dead or
 * unchecked link, or any link without keys, gets the existing snapshot nearest to `near` (for a
 * broken link: when the evidence was observed, the last time it is known to have worked).
 * Never throws for Wayback failures: they are reported in `error`.
 */
export async function archiveLink(
  check: Pick<LinkCheck, 'url' | 'status'>,
  ctx: CollectContext,
  options: { near?: Date } = {},
): Promise<ArchiveResult> {
  const live = check.status === 'OK' || check.status === 'REDIRECTED';
  let saveError: string | undefined;
  if (live && canSaveSnapshots(ctx)) {
    try {
      return { copy: await saveSnapshot(check.url, ctx) };
    } catch (error) {
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      saveError = error instanceof Error ? error.message : String(error);
    }
  }
  try {
    const copy = await findSnapshot(check.url, ctx, options);
    if (copy) return saveError ? { copy, error: saveError } : { copy };
    return { error: saveError ?? `no Wayback snapshot of ${check.url}` };
  } catch (error) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    const message = error instanceof Error ? error.message : String(error);
    return { error: saveError ? `${saveError}; ${message}` : message };
  }
}

/** A check with the archived copy's fields filled in (unchanged when there is no copy). */
export function withArchive(check: LinkCheck, result: ArchiveResult): LinkCheck {
  if (!result.copy) return check;
  return { ...check, archivedUrl: result.copy.archivedUrl, archivedAt: result.copy.archivedAt };
}
