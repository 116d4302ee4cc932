/**
 * Evidence link health (docs/operations.md, "Link checks"): checking evidence source links with the
 * collectors' checker (HEAD then GET, redirects followed, per-host politeness, the SSRF rule) and
 * keeping every check in `link_checks`; archived copies from the Wayback Machine, asked for when
 * evidence is approved and looked up for links found dead; the reviewer's queue of broken links.
 */

import type { Clock } from '@ranking/collectors';
import {
  type ArchiveResult,
  archiveLink,
  type CollectContext,
  type CollectorConfig,
  createLinkChecker,
  type LinkCheck,
  type LinkStatus,
  type LogEntry,
  linkKey,
  MemoryLinkCheckStore,
  systemClock,
  withArchive,
} from '@ranking/collectors';
import type { LinkCheckStatus } from '@ranking/schema';
import DataLoader from 'dataloader';
import { requireScope } from '../../auth/actor';
import { clearCaches, type ServiceContext } from '../../context';
import { archivesOnApproval, collectorConfigOf } from '../../env';
import { badInput } from '../../errors';
import type { Loaders } from '../../loaders';
import type { EvidenceRow } from '../evidence/model';
import {
  type BrokenLinkRow,
  DatabaseLinkCheckStore,
  findChecksByIds,
  findLatestCheckOfKey,
  findLatestChecks,
  findLatestPublishedEditionId,
  findLinkTargets,
  findProjectIdsBySlugs,
  insertLinkChecks,
  type LinkCheckRow,
  listBrokenLinks as listBrokenLinkRows,
  rowToCheck,
  toLinkStatus,
} from './store';

/** `Evidence.link`: the latest check of the evidence item's link, or UNCHECKED. */
export interface EvidenceLinkModel {
  status: LinkStatus;
  httpStatus: number | null;
  finalUrl: string | null;
  checkedAt: Date | null;
  archivedUrl: string | null;
  archivedAt: Date | null;
}

const UNCHECKED: EvidenceLinkModel = {
  status: 'UNCHECKED',
  httpStatus: null,
  finalUrl: null,
  checkedAt: null,
  archivedUrl: null,
  archivedAt: null,
};

export function linkModelOf(row: LinkCheckRow | undefined): EvidenceLinkModel {
  if (!row) return UNCHECKED;
  return {
    status: toLinkStatus(row.status),
    httpStatus: row.httpStatus,
    finalUrl: row.finalUrl,
    checkedAt: row.checkedAt,
    archivedUrl: row.archivedUrl,
    archivedAt: row.archivedAt,
  };
}

/** One loader per request (keyed by the request's loaders), batching `Evidence.link` over a page. */
const linkLoaders = new WeakMap<Loaders, DataLoader<number, LinkCheckRow | undefined>>();

export function getEvidenceLink(ctx: ServiceContext, evidenceId: number): Promise<EvidenceLinkModel> {
  let loader = linkLoaders.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly number[]) => {
      const rows = await findLatestChecks(ctx.db, ids);
      return ids.map((id) => rows.get(id));
    });
    linkLoaders.set(ctx.loaders, loader);
  }
  return loader.load(evidenceId).then(linkModelOf);
}

export { parseDurationMs } from '../../lib/duration';

/** The app's clock (deps.now, which tests may set) with real sleeps. */
const clockOf = (ctx: ServiceContext): Clock => ({ now: ctx.deps.now, sleep: systemClock.sleep });

export interface LinkCheckOptions {
  /** Collector settings; from the environment by default. */
  config?: CollectorConfig;
  log?: (entry: LogEntry) => void;
  signal?: AbortSignal;
  /** Called after each distinct link is checked (or taken from a recent check). */
  onLink?: (done: number, total: number, check: LinkCheck) => void;
  /** Name resolution for the SSRF rule (tests). */
  resolve?: Parameters<typeof createLinkChecker>[0]['resolve'];
}

export interface LinkCheckSummary {
  /** Evidence items whose links were due. */
  evidence: number;
  /** Distinct links among them. */
  links: number;
  /** Links requested now. */
  checked: number;
  /** Links answered by a check recorded less than `olderThan` ago for other evidence. */
  reused: number;
  /** Evidence items by the status recorded now. */
  byStatus: Record<LinkStatus, number>;
  /** Dead links given an archived copy now. */
  archived: number;
  /** The links not OK, with why. */
  problems: {
    url: string;
    status: LinkStatus;
    evidenceIds: number[];
    error?: string;
    archivedUrl?: string;
  }[];
}

const isLive = (status: LinkStatus) => status === 'OK' || status === 'REDIRECTED';

function collectContextOf(
  ctx: ServiceContext,
  config: CollectorConfig,
  options: LinkCheckOptions,
): CollectContext {
  return {
    config,
    clock: clockOf(ctx),
    log: options.log ?? (() => {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/**
 * `ranking links check`: checks the links of the evidence (every status but rejected) of `projects`
 * (every project when empty) not checked within `olderThanMs` (default: the checker's cache age,
 * 24 hours), each distinct link once, and appends one `link_checks` row per evidence item. A link
 * found BROKEN or UNREACHABLE with no archived copy on record gets the Wayback Machine's snapshot
 * nearest to the evidence's observation date, if there is one.
 */
export async function checkEvidenceLinks(
  ctx: ServiceContext,
  input: { projects?: readonly string[]; olderThanMs?: number },
  options: LinkCheckOptions = {},
): Promise<LinkCheckSummary> {
  requireScope(ctx.actor, 'evidence:review');
  const config = options.config ?? collectorConfigOf(ctx.deps.env);
  const olderThanMs = input.olderThanMs ?? config.linkCheckMaxAgeMs;
  if (!Number.isFinite(olderThanMs) || olderThanMs < 0)
    throw badInput('olderThan', 'olderThan must be a duration ≥ 0');
  let projectIds: number[] | undefined;
  if (input.projects && input.projects.length > 0) {
    const found = await findProjectIdsBySlugs(ctx.db, input.projects);
    if (found.unknown.length > 0) throw badInput('projects', `Unknown project ${found.unknown.join(', ')}`);
    projectIds = found.ids;
  }
  const started = ctx.deps.now();
  const targets = await findLinkTargets(ctx.db, {
    projectIds,
    checkedBefore: new Date(started.getTime() - olderThanMs),
  });
  const groups = new Map<string, { url: string; evidenceIds: number[]; observedAt: string }>();
  for (const t of targets) {
    const key = linkKey(t.sourceUrl);
    const group = groups.get(key);
    if (group) {
      group.evidenceIds.push(t.evidenceId);
      if (t.observedAt < group.observedAt) group.observedAt = t.observedAt;
    } else groups.set(key, { url: t.sourceUrl, evidenceIds: [t.evidenceId], observedAt: t.observedAt });
  }
  const evidenceByKey = new Map([...groups].map(([key, g]) => [key, g.evidenceIds]));
  const database = new DatabaseLinkCheckStore(ctx.db, evidenceByKey, ctx.deps.now);
  const collect = collectContextOf(ctx, config, options);
  const summary: LinkCheckSummary = {
    evidence: targets.length,
    links: groups.size,
    checked: 0,
    reused: 0,
    byStatus: { OK: 0, REDIRECTED: 0, BROKEN: 0, UNREACHABLE: 0, UNCHECKED: 0 },
    archived: 0,
    problems: [],
  };
  const saved = new Set<string>();
  const results = new Map<string, LinkCheck>();
  const store = {
    latest: (key: string) => database.latest(key),
    /** A fresh check: a dead link without a copy on record is looked up in the Wayback Machine first. */
    async save(key: string, check: LinkCheck) {
      saved.add(key);
      let archived = check;
      let archiveError: string | undefined;
      if (!isLive(check.status) && check.status !== 'UNCHECKED') {
        const known = await findLatestCheckOfKey(ctx.db, key);
        if (!known?.archivedUrl) {
          const near = groups.get(key)?.observedAt;
          const result = await archiveLink(
            check,
            collect,
            near ? { near: new Date(`${near}T00:00:00Z`) } : {},
          );
          archived = withArchive(check, result);
          archiveError = result.copy ? undefined : result.error;
          if (result.copy) summary.archived++;
        }
      }
      await insertLinkChecks(ctx.db, evidenceByKey.get(key) ?? [], key, archived, {
        archiveError,
        recordedAt: ctx.deps.now(),
      });
      results.set(key, archived);
    },
  };
  const checker = createLinkChecker({
    config,
    clock: collect.clock,
    log: collect.log,
    store,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  let done = 0;
  try {
    const checks = await checker.checkMany(
      [...groups.values()].map((g) => g.url),
      {
        maxAgeMs: olderThanMs,
        onResult: (check) => {
          done++;
          options.onLink?.(done, groups.size, check);
        },
      },
    );
    for (const check of checks) {
      const key = linkKey(check.url);
      const group = groups.get(key);
      if (!group) continue;
      let final = results.get(key) ?? check;
      if (saved.has(key)) summary.checked++;
      else {
        // A recent check recorded for other evidence with the same link: recorded for these too.
        summary.reused++;
        await insertLinkChecks(ctx.db, group.evidenceIds, key, check, { recordedAt: ctx.deps.now() });
        final = check;
      }
      summary.byStatus[final.status] += group.evidenceIds.length;
      if (!isLive(final.status)) {
        summary.problems.push({
          url: group.url,
          status: final.status,
          evidenceIds: group.evidenceIds,
          ...(final.error ? { error: final.error } : {}),
          ...(final.archivedUrl ? { archivedUrl: final.archivedUrl } : {}),
        });
      }
    }
  } finally {
    if (groups.size > 0) clearCaches(ctx.deps);
    ctx.loaders.clearAll();
  }
  return summary;
}

/** Archive requests still running after approvals, per app (tests and shutdown wait for them). */
const pendingArchives = new WeakMap<object, Set<Promise<void>>>();

/** Resolves once every archive request started so far for `deps` has finished. */
export async function archiveRequestsSettled(deps: object): Promise<void> {
  const pending = pendingArchives.get(deps);
  while (pending && pending.size > 0) await Promise.allSettled([...pending]);
}

/**
 * After evidence is approved (the transaction committed): asks for an archived copy of each link —
 * Save Page Now when keys are configured and the link is live, else the nearest existing snapshot —
 * and records the check and the copy (or why there is none) as a new `link_checks` row. Runs after
 * the answer; nothing here can fail the approval. Off with LINK_ARCHIVE_ON_APPROVAL=false.
 */
export function requestArchivesAfterApproval(
  ctx: ServiceContext,
  approved: readonly Pick<EvidenceRow, 'id' | 'sourceUrl' | 'observedAt'>[],
): void {
  if (approved.length === 0 || !archivesOnApproval(ctx.deps.env)) return;
  let set = pendingArchives.get(ctx.deps);
  if (!set) {
    set = new Set();
    pendingArchives.set(ctx.deps, set);
  }
  const pending = set;
  const task = (async () => {
    for (const row of approved) {
      try {
        await archiveApprovedEvidence(ctx, row);
      } catch {
        // Recorded where it could be (archive_error); a database that went away loses nothing the
        // next `ranking links check` cannot redo.
      }
    }
  })();
  pending.add(task);
  void task.finally(() => pending.delete(task));
}

async function archiveApprovedEvidence(
  ctx: ServiceContext,
  row: Pick<EvidenceRow, 'id' | 'sourceUrl' | 'observedAt'>,
  options: LinkCheckOptions = {},
): Promise<void> {
  const config = options.config ?? collectorConfigOf(ctx.deps.env);
  const collect = collectContextOf(ctx, config, options);
  const key = linkKey(row.sourceUrl);
  const recent = await findLatestCheckOfKey(ctx.db, key);
  let check: LinkCheck;
  if (recent && ctx.deps.now().getTime() - recent.checkedAt.getTime() < config.linkCheckMaxAgeMs) {
    check = rowToCheck(recent, row.sourceUrl);
  } else {
    const checker = createLinkChecker({
      config,
      clock: collect.clock,
      log: collect.log,
      store: new MemoryLinkCheckStore(),
    });
    check = await checker.check(row.sourceUrl, { maxAgeMs: 0 });
  }
  let result: ArchiveResult;
  if (check.status === 'UNCHECKED') result = { error: `not archived: ${check.error ?? 'link not checked'}` };
  else
    result = await archiveLink({ url: row.sourceUrl, status: check.status }, collect, {
      near: new Date(`${row.observedAt}T00:00:00Z`),
    });
  const withCopy = result.copy ? withArchive(check, result) : stripArchive(check);
  await insertLinkChecks(ctx.db, [row.id], key, withCopy, {
    archiveError: result.error,
    recordedAt: ctx.deps.now(),
  });
  clearCaches(ctx.deps);
}

/** A check without an archived copy (the insert carries the link's known copy forward instead). */
function stripArchive(check: LinkCheck): LinkCheck {
  const { archivedUrl: _u, archivedAt: _a, ...rest } = check;
  return rest;
}

export interface BrokenLinkModel {
  evidence: EvidenceRow;
  dependence: number;
  link: EvidenceLinkModel;
  error: string | null;
  errorKind: string | null;
}

const STATUS_OF: Record<LinkStatus, LinkCheckStatus> = {
  OK: 'ok',
  REDIRECTED: 'redirected',
  BROKEN: 'broken',
  UNREACHABLE: 'unreachable',
  UNCHECKED: 'unchecked',
};

/**
 * The reviewer's queue (scope `read:drafts`): evidence whose latest check has one of `statuses`
 * (BROKEN by default), most depended-on first (see listBrokenLinks in ./store.ts).
 */
export async function listBrokenLinks(
  ctx: ServiceContext,
  args: { statuses?: readonly LinkStatus[] | null; first?: number | null; offset?: number | null },
): Promise<{ totalCount: number; nodes: BrokenLinkModel[]; editionId: number | null }> {
  requireScope(ctx.actor, 'read:drafts');
  ctx.cache.mark('private');
  const first = args.first ?? 50;
  const offset = args.offset ?? 0;
  if (!Number.isInteger(first) || first < 0 || first > 100) throw badInput('first', 'first must be 0 to 100');
  if (!Number.isInteger(offset) || offset < 0) throw badInput('offset', 'offset must be ≥ 0');
  const statuses = args.statuses && args.statuses.length > 0 ? args.statuses : (['BROKEN'] as const);
  const editionId = await findLatestPublishedEditionId(ctx.db);
  const { rows, total } = await listBrokenLinkRows(ctx.db, {
    statuses: statuses.map((s) => STATUS_OF[s]),
    editionId,
    limit: first,
    offset,
  });
  const [checks, evidence] = await Promise.all([
    findChecksByIds(
      ctx.db,
      rows.map((r) => r.checkId),
    ),
    ctx.loaders.evidenceById.loadMany(rows.map((r) => r.evidenceId)),
  ]);
  const nodes = rows.flatMap((row: BrokenLinkRow, i): BrokenLinkModel[] => {
    const item = evidence[i];
    const check = checks.get(row.checkId);
    if (!item || item instanceof Error) return [];
    return [
      {
        evidence: item,
        dependence: row.dependence,
        link: linkModelOf(check),
        error: check?.error ?? null,
        errorKind: check?.errorKind ?? null,
      },
    ];
  });
  return { totalCount: total, nodes, editionId };
}

/** Values of an edition resting on a link whose latest check is BROKEN (`ValueCounts.brokenLinks`). */
export { countValuesBehindBrokenLinks } from './store';
