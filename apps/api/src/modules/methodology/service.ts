/**
 * Methodologies: immutable documents validated by the scoring engine. Parsed documents are cached
 * per process by their hash (a stored methodology never changes).
 */
import {
  type Executor,
  MethodologyConflictError,
  type ProjectCategory,
  sha256CanonicalJson,
  storeMethodology,
} from '@ranking/schema';
import {
  type AnomalyScale,
  type IndicatorDefinition,
  isIndicatorNode,
  type Methodology,
  MethodologyError,
  type MethodologyNode,
  parseMethodology,
  SHARE_RULE_DESCRIPTIONS,
  shareRuleOf,
  validateMethodology,
} from '@ranking/scoring';
import { requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { AppError, conflict } from '../../errors';
import { inTransaction } from '../../lib/transaction';
import { recordAudit } from '../audit/service';
import type { DimensionModel, GroupPlacement, IndicatorModel, ShareRuleModel, TreeNodeModel } from './model';
import {
  findMethodologiesByIds,
  findMethodology,
  listMethodologyHashes,
  listMethodologyRows,
  type MethodologyRow,
} from './store';

export type { CapSpec, NormalizeSpec } from '@ranking/scoring';

export const treeNode = (node: MethodologyNode, methodology: Methodology): TreeNodeModel =>
  isIndicatorNode(node) ? { node, methodology } : { node, methodology };

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

/** The rule an edition of this methodology follows for shares over all dimensions, with its description. */
export function shareRuleOfRow(row: MethodologyRow): ShareRuleModel {
  const key = shareRuleOf(methodologyOf(row));
  return { key, description: SHARE_RULE_DESCRIPTIONS[key] };
}

/** Records every node below `parent` (null: the root); returns the indicator keys found, in tree order. */
function walk(
  nodes: readonly MethodologyNode[],
  parent: (GroupPlacement & { key: string }) | null,
  model: Pick<DimensionModel, 'indicatorKeys' | 'groups' | 'leaves'>,
): string[] {
  const found: string[] = [];
  for (const node of nodes) {
    const placement = {
      weight: node.weight,
      parent: parent?.key ?? null,
      pillar: parent?.pillar ?? (isIndicatorNode(node) ? null : node.key),
    };
    if (isIndicatorNode(node)) {
      if (!model.indicatorKeys.includes(node.indicator)) model.indicatorKeys.push(node.indicator);
      model.leaves.set(node.indicator, placement);
      found.push(node.indicator);
    } else {
      const group = { ...placement, key: node.key, name: node.name, indicatorKeys: [] as string[] };
      model.groups.set(node.key, group);
      group.indicatorKeys = walk(node.children, group, model);
      found.push(...group.indicatorKeys);
    }
  }
  return found;
}

/** The dimension whose key equals `key` ignoring case (keys are lower-case identifiers). */
export function findDimension<T extends { key: string }>(
  dimensions: readonly T[],
  key: string,
): T | undefined {
  const wanted = key.toLowerCase();
  return dimensions.find((d) => d.key.toLowerCase() === wanted);
}

/** BAD_USER_INPUT for an unknown dimension key, listing the valid ones. */
export function unknownDimension(key: string, dimensions: readonly { key: string }[], field = 'dimension') {
  const keys = dimensions.map((d) => d.key);
  return new AppError(
    'BAD_USER_INPUT',
    `Unknown dimension ${JSON.stringify(key)}; the dimensions are ${keys.join(', ')} (case does not matter)`,
    { field, details: { validKeys: keys } },
  );
}

/** The dimensions of a stored methodology (shared, cached objects: callers must not change them). */
export function dimensionsOf(row: MethodologyRow): DimensionModel[] {
  const cached = dimensionModels.get(row.documentHash);
  if (cached) return cached;
  const methodology = methodologyOf(row);
  const models = methodology.dimensions.map((d) => {
    const model: DimensionModel = {
      key: d.key,
      name: d.name,
      category: (d.category ?? null) as ProjectCategory | null,
      definition: d,
      methodology,
      indicatorKeys: [],
      groups: new Map(),
      leaves: new Map(),
    };
    walk(d.children, null, model);
    return model;
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

/**
 * Reads for another module's transaction (editions: create, compute), through its `tx`: inside a
 * transaction every read must use it (PGlite has one connection). No scope check: methodologies
 * are public, and the caller has checked its own.
 */
export async function findMethodologyInTransaction(
  tx: Executor,
  params: { id: number } | { version: string | undefined },
): Promise<MethodologyRow | undefined> {
  if ('id' in params) return (await findMethodologiesByIds(tx, [params.id]))[0];
  return findMethodology(tx, { version: params.version });
}

/** Indicators of a methodology (default the latest), optionally of one dimension, in tree order. */
export async function listIndicators(
  ctx: ServiceContext,
  params: { dimension?: string | null | undefined; methodologyVersion?: string | null | undefined },
): Promise<IndicatorModel[]> {
  const row = await getMethodology(ctx, { version: params.methodologyVersion });
  if (!row) return [];
  return indicatorsOf(ctx, row, params.dimension ?? undefined);
}

export async function indicatorsOf(
  ctx: ServiceContext,
  row: MethodologyRow,
  dimension?: string | undefined,
): Promise<IndicatorModel[]> {
  const methodology = methodologyOf(row);
  let keys: string[];
  if (dimension === undefined) {
    keys = methodology.indicators.map((i) => i.key);
  } else {
    const dimensions = dimensionsOf(row);
    const found = findDimension(dimensions, dimension);
    if (!found) throw unknownDimension(dimension, dimensions);
    keys = found.indicatorKeys;
  }
  return indicatorModels(ctx, methodology, keys);
}

/** The catalogue rows of some of a methodology's indicators, each with its definition there. */
export async function indicatorModels(
  ctx: ServiceContext,
  methodology: Methodology | null,
  keys: readonly string[],
): Promise<IndicatorModel[]> {
  const rows = await ctx.loaders.indicatorByKey.loadMany(keys);
  const byKey = new Map((methodology?.indicators ?? []).map((i) => [i.key, i]));
  return keys.map((key, i) => {
    const loaded = rows[i];
    const definition = byKey.get(key);
    if (loaded && !(loaded instanceof Error)) return { ...loaded, definition };
    return {
      key,
      name: definition?.name ?? key,
      nameZh: definition?.name_zh ?? null,
      unit: definition?.unit ?? null,
      description: null,
      definition,
    };
  });
}

/**
 * An indicator's definition: the one of the methodology it was reached through, or — reached
 * without one (`Evidence.indicator`) — the one of the newest stored methodology defining it.
 */
export async function definitionOf(
  ctx: ServiceContext,
  indicator: IndicatorModel,
): Promise<IndicatorDefinition | null> {
  if (indicator.definition) return indicator.definition;
  const rows = await ctx.loaders.allMethodologies.load('all');
  ctx.cache.mark('public');
  for (const row of rows) {
    const found = methodologyOf(row).indicators.find((i) => i.key === indicator.key);
    if (found) return found;
  }
  return null;
}

/** A dimension's top-level nodes, each with its methodology (the resolvers walk down from them). */
export function dimensionNodes(dimension: DimensionModel): TreeNodeModel[] {
  return dimension.definition.children.map((node) => treeNode(node, dimension.methodology));
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

type IndicatorScales = Map<string, { scale: AnomalyScale; label: string }>;

/** Scales by the stored documents' hashes: documents never change, so neither do their scales. */
const scalesByDocuments = new Map<string, IndicatorScales>();

/**
 * How each indicator's values change, for anomaly flags (evidence/anomalies.ts): multiplicatively
 * when the newest stored methodology defining it scores it through a transform (`log1p`, `log`,
 * `sqrt`: counts, downloads), additively when it has none (scores, ratios); and the unit that names
 * its values in a reason. Values are flagged one at a time as they arrive (a form, each collected
 * value), so the documents are read only when the set of stored methodologies changed.
 */
export async function indicatorScales(db: Executor): Promise<IndicatorScales> {
  const key = (await listMethodologyHashes(db)).join(',');
  const cached = scalesByDocuments.get(key);
  if (cached) return cached;
  const scales: IndicatorScales = new Map();
  for (const row of await listMethodologyRows(db)) {
    for (const indicator of methodologyOf(row).indicators) {
      if (scales.has(indicator.key)) continue;
      scales.set(indicator.key, {
        scale: indicator.transform === 'none' ? 'additive' : 'multiplicative',
        label: indicator.unit ?? indicator.key,
      });
    }
  }
  scalesByDocuments.set(key, scales);
  return scales;
}
