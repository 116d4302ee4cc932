/**
 * Methodologies: immutable documents validated by the scoring engine. Parsed documents are cached
 * per process by their hash (a stored methodology never changes).
 */
import {
  MethodologyConflictError,
  type ProjectCategory,
  sha256CanonicalJson,
  storeMethodology,
} from '@ranking/schema';
import {
  isIndicatorNode,
  type Methodology,
  MethodologyError,
  type MethodologyNode,
  parseMethodology,
  validateMethodology,
} from '@ranking/scoring';
import { requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { AppError, conflict } from '../../errors';
import { inTransaction } from '../../lib/transaction';
import { recordAudit } from '../audit/service';
import { findMethodology, type IndicatorRow, listMethodologyRows, type MethodologyRow } from './store';

export interface DimensionModel {
  key: string;
  name: string;
  category: ProjectCategory | null;
  indicatorKeys: string[];
  /** Group node key → name, for breakdowns. */
  nodeNames: Map<string, string>;
}

/** Parsed documents and their dimension models by document hash (stored documents never change). */
const parsed = new Map<string, Methodology>();
const dimensionModels = new Map<string, DimensionModel[]>();

/** The normalised methodology of a stored row. */
export function methodologyOf(row: MethodologyRow): Methodology {
  const cached = parsed.get(row.documentHash);
  if (cached) return cached;
  const result = validateMethodology(row.document);
  if (!result.ok) {
    throw new AppError('INTERNAL_SERVER_ERROR', `Stored methodology ${row.key} ${row.version} is invalid`);
  }
  parsed.set(row.documentHash, result.methodology);
  return result.methodology;
}

function walk(nodes: readonly MethodologyNode[], keys: string[], names: Map<string, string>): void {
  for (const node of nodes) {
    if (isIndicatorNode(node)) {
      if (!keys.includes(node.indicator)) keys.push(node.indicator);
    } else {
      names.set(node.key, node.name);
      walk(node.children, keys, names);
    }
  }
}

/** The dimensions of a stored methodology (shared, cached objects: callers must not change them). */
export function dimensionsOf(row: MethodologyRow): DimensionModel[] {
  const cached = dimensionModels.get(row.documentHash);
  if (cached) return cached;
  const models = methodologyOf(row).dimensions.map((d) => {
    const indicatorKeys: string[] = [];
    const nodeNames = new Map<string, string>();
    walk(d.children, indicatorKeys, nodeNames);
    return {
      key: d.key,
      name: d.name,
      category: (d.category ?? null) as ProjectCategory | null,
      indicatorKeys,
      nodeNames,
    };
  });
  dimensionModels.set(row.documentHash, models);
  return models;
}

export async function getMethodology(
  ctx: ServiceContext,
  params: { id?: string | null | undefined; version?: string | null | undefined },
): Promise<MethodologyRow | null> {
  ctx.cache.mark('public');
  return (
    (await findMethodology(ctx.db, { key: params.id ?? undefined, version: params.version ?? undefined })) ??
    null
  );
}

export async function listMethodologies(ctx: ServiceContext): Promise<MethodologyRow[]> {
  ctx.cache.mark('public');
  return listMethodologyRows(ctx.db);
}

export async function getMethodologyById(ctx: ServiceContext, id: number): Promise<MethodologyRow> {
  const row = await ctx.loaders.methodologyById.load(id);
  if (!row) throw new AppError('INTERNAL_SERVER_ERROR', `Methodology ${id} is missing`);
  return row;
}

/** Indicators of a methodology (default the latest), optionally of one dimension, in tree order. */
export async function listIndicators(
  ctx: ServiceContext,
  params: { dimension?: string | null | undefined; methodologyVersion?: string | null | undefined },
): Promise<IndicatorRow[]> {
  const row = await getMethodology(ctx, { version: params.methodologyVersion });
  if (!row) return [];
  return indicatorsOf(ctx, row, params.dimension ?? undefined);
}

export async function indicatorsOf(
  ctx: ServiceContext,
  row: MethodologyRow,
  dimension?: string | undefined,
): Promise<IndicatorRow[]> {
  const methodology = methodologyOf(row);
  let keys: string[];
  if (dimension === undefined) {
    keys = methodology.indicators.map((i) => i.key);
  } else {
    const found = dimensionsOf(row).find((d) => d.key === dimension);
    if (!found)
      throw new AppError('BAD_USER_INPUT', `Unknown dimension ${dimension}`, { field: 'dimension' });
    keys = found.indicatorKeys;
  }
  const rows = await ctx.loaders.indicatorByKey.loadMany(keys);
  const byKey = new Map(methodology.indicators.map((i) => [i.key, i]));
  return keys.map((key, i) => {
    const loaded = rows[i];
    if (loaded && !(loaded instanceof Error)) return loaded;
    const def = byKey.get(key);
    return {
      key,
      name: def?.name ?? key,
      nameZh: def?.name_zh ?? null,
      unit: def?.unit ?? null,
      description: null,
    };
  });
}

export interface MethodologyProblem {
  path: string;
  message: string;
}

export interface UploadMethodologyResult {
  methodology: MethodologyRow | null;
  problems: MethodologyProblem[];
}

/**
 * Validates and stores a document. The normalised form (every default filled in) is stored, so two
 * spellings of the same methodology are the same version; another document under an existing
 * version is a CONFLICT.
 */
export async function uploadMethodology(ctx: ServiceContext, text: string): Promise<UploadMethodologyResult> {
  requireScope(ctx.actor, 'editions:manage');
  if (text.length > 1_000_000)
    throw new AppError('BAD_USER_INPUT', 'document is too large', { field: 'document' });
  let methodology: Methodology;
  try {
    methodology = parseMethodology(text);
  } catch (error) {
    if (error instanceof MethodologyError) {
      return {
        methodology: null,
        problems: error.issues.map((i) => ({
          path: i.path,
          message:
            i.line === undefined
              ? i.message
              : `${i.message} (line ${i.line}${i.column ? `, column ${i.column}` : ''})`,
        })),
      };
    }
    throw error;
  }
  const row = await inTransaction(ctx, async (tx) => {
    const existing = await findMethodology(tx, { key: methodology.id, version: methodology.version });
    if (existing) {
      if (sha256CanonicalJson(methodologyOf(existing)) === sha256CanonicalJson(methodology)) return existing;
      throw conflict(`Methodology ${methodology.id} ${methodology.version} exists with another document`);
    }
    try {
      const stored = await storeMethodology(tx, methodology, {
        createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      });
      const created = await findMethodology(tx, { key: methodology.id, version: methodology.version });
      if (!created || created.id !== stored.id) throw new Error('stored methodology not found');
      await recordAudit(tx, ctx, {
        action: 'methodology.upload',
        entityType: 'methodology',
        entityId: created.id,
        after: { id: methodology.id, version: methodology.version, documentHash: created.documentHash },
      });
      return created;
    } catch (error) {
      if (error instanceof MethodologyConflictError) {
        throw conflict(`Methodology ${methodology.id} ${methodology.version} exists with another document`);
      }
      throw error;
    }
  });
  return { methodology: row, problems: [] };
}
