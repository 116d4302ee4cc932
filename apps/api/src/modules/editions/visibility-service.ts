/**
 * Which editions a caller sees, and which revision `edition(year)` means: published editions for
 * everyone, drafts and computed revisions only with `read:drafts`. Every read records in the
 * response's cache policy what kind of edition data it saw.
 */
import { hasScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { AppError } from '../../errors';
import type { EditionRow } from './model';

const canReadDrafts = (ctx: ServiceContext) => hasScope(ctx.actor, 'read:drafts');

const isOpenNow = (
  ctx: ServiceContext,
  edition: EditionRow,
  opens: number | null | undefined,
  closes: number | null | undefined,
) => {
  if (
    edition.status !== 'computed' ||
    opens === null ||
    opens === undefined ||
    closes === null ||
    closes === undefined
  )
    return false;
  const now = ctx.deps.now().getTime();
  return opens <= now && now < closes;
};

/** Whether a computed edition is inside its PUBLIC contest window now (docs/disputes.md, "Contest window"). */
export function isInPublicContest(ctx: ServiceContext, edition: EditionRow): boolean {
  return isOpenNow(ctx, edition, edition.publicContestOpensAt, edition.publicContestClosesAt);
}

/**
 * Whether the request's contest token (a project contact's signed link, header `X-Contest-Token`)
 * names this edition and the edition is inside its CONTACTS contest window now.
 */
export function isInGrantedContest(ctx: ServiceContext, edition: EditionRow): boolean {
  const link = ctx.contest?.link;
  if (!link || link.year !== edition.year || link.revision !== edition.revision) return false;
  return isOpenNow(ctx, edition, edition.contactsContestOpensAt, edition.contactsContestClosesAt);
}

export function isVisible(ctx: ServiceContext, edition: EditionRow): boolean {
  return (
    edition.status === 'published' ||
    canReadDrafts(ctx) ||
    isInPublicContest(ctx, edition) ||
    isInGrantedContest(ctx, edition)
  );
}

/**
 * What `edition(year)` and the latest edition may return: for readers without `read:drafts`, published
 * revisions only (an edition in its contest window is reached by id or by its revision number).
 */
const mayBeDefault = (ctx: ServiceContext, edition: EditionRow) =>
  edition.status === 'published' || canReadDrafts(ctx);

/** Records in the response's cache policy what kind of edition data was read. */
export function observeEdition(ctx: ServiceContext, edition: EditionRow): EditionRow {
  if (edition.status !== 'published') ctx.cache.mark('private');
  return edition;
}

/** Every edition, newest year and revision first, whoever may see them (filter with `isVisible`). */
export async function allEditions(ctx: ServiceContext): Promise<EditionRow[]> {
  return ctx.loaders.allEditions.load('all');
}

/** The revision `edition(year)` returns: the latest visible one (latest published for readers without read:drafts). */
function defaultOfYear(
  ctx: ServiceContext,
  rows: readonly EditionRow[],
  year: number,
): EditionRow | undefined {
  return rows
    .filter((e) => e.year === year && mayBeDefault(ctx, e))
    .sort((a, b) => b.revision - a.revision)[0];
}

export async function listEditions(ctx: ServiceContext, allRevisions: boolean): Promise<EditionRow[]> {
  ctx.cache.mark('published');
  if (canReadDrafts(ctx)) ctx.cache.mark('private');
  const rows = await allEditions(ctx);
  const visible = rows.filter((e) => isVisible(ctx, e));
  if (allRevisions) return visible;
  const years = [...new Set(visible.map((e) => e.year))];
  return years.flatMap((year) => {
    const row = defaultOfYear(ctx, visible, year);
    return row ? [row] : [];
  });
}

/**
 * NOT_FOUND for a year without an edition the caller may see, naming the years that have one (an
 * error, never a cached null: the answer changes when the year's first edition is published).
 */
function unknownYear(ctx: ServiceContext, rows: readonly EditionRow[], year: number): AppError {
  ctx.cache.mark('private');
  const years = [...new Set(rows.filter((e) => isVisible(ctx, e)).map((e) => e.year))].sort((a, b) => b - a);
  return new AppError(
    'NOT_FOUND',
    years.length > 0
      ? `No edition of ${year}; editions exist for ${years.join(', ')}`
      : `No edition of ${year}; no edition is published yet`,
    { field: 'year', details: { years } },
  );
}

/**
 * The revision of `year` that was current at `asOf`: the latest one published at or before it
 * (published revisions only, whoever asks). NOT_FOUND naming the year's first publication when none
 * was published yet, or the years with editions when the year has none.
 */
function asPublishedAt(
  ctx: ServiceContext,
  rows: readonly EditionRow[],
  year: number,
  asOf: Date,
): EditionRow {
  const published = rows
    .filter((e) => e.year === year && e.status === 'published' && e.publishedAt !== null)
    .sort((a, b) => (a.publishedAt as Date).getTime() - (b.publishedAt as Date).getTime());
  const first = published[0];
  if (!first) throw unknownYear(ctx, rows, year);
  const current = published.filter((e) => (e.publishedAt as Date).getTime() <= asOf.getTime()).at(-1);
  if (!current) {
    ctx.cache.mark('private');
    const since = (first.publishedAt as Date).toISOString();
    throw new AppError(
      'NOT_FOUND',
      `No edition of ${year} was published at ${asOf.toISOString()}; the first was published at ${since}`,
      { field: 'asOf', details: { firstPublishedAt: since } },
    );
  }
  return current;
}

/**
 * One edition; a year without any the caller may see is NOT_FOUND (`orNull`: null). With `asOf`, the
 * revision current at that time (see asPublishedAt); `revision` and `asOf` together are BAD_USER_INPUT.
 */
export async function getEdition(
  ctx: ServiceContext,
  year: number,
  revision?: number | null,
  options: { orNull?: boolean; asOf?: Date | null } = {},
): Promise<EditionRow | null> {
  const rows = await allEditions(ctx);
  if (options.asOf) {
    if (revision !== undefined && revision !== null) {
      throw new AppError('BAD_USER_INPUT', 'Give either revision or asOf, not both', { field: 'asOf' });
    }
    // Which revision was current then changes only when a revision is published.
    ctx.cache.mark('published');
    return observeEdition(ctx, asPublishedAt(ctx, rows, year, options.asOf));
  }
  if (revision === undefined || revision === null) {
    // Which revision is the default changes when a correction is published.
    ctx.cache.mark('published');
    const row = defaultOfYear(ctx, rows, year);
    if (!row) {
      if (options.orNull) return null;
      throw unknownYear(ctx, rows, year);
    }
    return observeEdition(ctx, row);
  }
  const row = rows.find((e) => e.year === year && e.revision === revision);
  if (!row || !isVisible(ctx, row)) {
    ctx.cache.mark('public');
    return null;
  }
  return observeEdition(ctx, row);
}

/**
 * The default revision of the latest year with a scored (computed or published) edition the caller
 * may see; null when there is none.
 */
export async function getLatestScoredEdition(ctx: ServiceContext): Promise<EditionRow | null> {
  const visible = (await allEditions(ctx)).filter((e) => mayBeDefault(ctx, e) && e.status !== 'draft');
  const latestYear = visible[0]?.year;
  const edition = latestYear === undefined ? null : (defaultOfYear(ctx, visible, latestYear) ?? null);
  if (edition) observeEdition(ctx, edition);
  ctx.cache.mark('published');
  return edition;
}

export async function getEditionById(ctx: ServiceContext, id: string | number): Promise<EditionRow | null> {
  const numeric = Number(id);
  if (!Number.isSafeInteger(numeric) || numeric <= 0) return null;
  const row = await ctx.loaders.editionById.load(numeric);
  if (!row || !isVisible(ctx, row)) {
    ctx.cache.mark('public');
    return null;
  }
  return observeEdition(ctx, row);
}

export async function loadVisibleEdition(ctx: ServiceContext, id: number | null): Promise<EditionRow | null> {
  if (id === null) return null;
  const row = await ctx.loaders.editionById.load(id);
  return row && isVisible(ctx, row) ? observeEdition(ctx, row) : null;
}

export async function isDefaultRevision(ctx: ServiceContext, edition: EditionRow): Promise<boolean> {
  ctx.cache.mark('published');
  if (edition.status !== 'published') return false;
  const rows = await allEditions(ctx);
  const latest = rows
    .filter((e) => e.year === edition.year && e.status === 'published')
    .sort((a, b) => b.revision - a.revision)[0];
  return latest?.id === edition.id;
}

export async function listRevisions(ctx: ServiceContext, edition: EditionRow): Promise<EditionRow[]> {
  ctx.cache.mark('published');
  const rows = await allEditions(ctx);
  return rows
    .filter((e) => e.year === edition.year && isVisible(ctx, e))
    .sort((a, b) => a.revision - b.revision)
    .map((e) => observeEdition(ctx, e));
}
