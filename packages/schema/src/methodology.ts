/**
 * The default methodology (docs/methodology-format.md) and storing a methodology with its indicator rows.
 *
 * Validating a methodology is the scoring package's job; this module only reads what the database
 * needs (id, version, title, indicator names, which indicators each dimension uses) and refuses a
 * document too malformed to read that from.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { sha256CanonicalJson } from './canonical-json';
import type { Executor } from './db';
import { indicators, methodologies } from './tables';

/**
 * The shipped versions of `llm-oss-influence`, oldest first: 2026.1, and 2026.2 — the same tree with
 * freshness windows on every time-bound indicator (docs/methodology-format.md, "The default
 * methodology"). The demo stores both; the last one is the default.
 */
export const METHODOLOGY_VERSIONS = ['2026.1', '2026.2'] as const;
export type MethodologyVersion = (typeof METHODOLOGY_VERSIONS)[number];

/** Absolute path of `data/methodology/llm-oss-influence-VERSION.json`. */
export function methodologyPath(version: MethodologyVersion): string {
  return fileURLToPath(new URL(`../data/methodology/llm-oss-influence-${version}.json`, import.meta.url));
}

/** A shipped methodology version's parsed document (a fresh copy on each call). */
export function loadMethodology(version: MethodologyVersion): unknown {
  return JSON.parse(readFileSync(methodologyPath(version), 'utf8'));
}

/** Absolute path of the default methodology, `data/methodology/llm-oss-influence-2026.2.json`. */
export const DEFAULT_METHODOLOGY_PATH = methodologyPath('2026.2');

/** The parsed default methodology document, 2026.2 (a fresh copy on each call). */
export function loadDefaultMethodology(): unknown {
  return JSON.parse(readFileSync(DEFAULT_METHODOLOGY_PATH, 'utf8'));
}

export class MethodologyShapeError extends Error {
  readonly code = 'METHODOLOGY_SHAPE' as const;
  constructor(
    /** JSON path of the problem, e.g. `$.dimensions[0].children`. */
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'MethodologyShapeError';
  }
}

export class MethodologyConflictError extends Error {
  readonly code = 'METHODOLOGY_CONFLICT' as const;
  constructor(
    readonly key: string,
    readonly version: string,
  ) {
    super(`methodology ${key} ${version} is already stored with a different document; store a new version`);
    this.name = 'MethodologyConflictError';
  }
}

export interface IndicatorOutline {
  key: string;
  name: string;
  nameZh: string | null;
  unit: string | null;
}

export interface DimensionOutline {
  key: string;
  name: string;
  /** Projects of this category form the population; null = every project. */
  category: string | null;
  /** Indicator keys used in the dimension's tree, in tree order, each once. */
  indicatorKeys: string[];
  /** Indicator leaves in the tree (an indicator used twice counts twice). */
  slots: number;
}

export interface MethodologyOutline {
  id: string;
  version: string;
  title: string;
  indicators: IndicatorOutline[];
  dimensions: DimensionOutline[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: Json, key: string, path: string): string {
  const v = value[key];
  if (typeof v !== 'string' || v === '')
    throw new MethodologyShapeError(`${path}.${key}`, 'expected a non-empty string');
  return v;
}

function optionalText(value: Json, key: string, path: string): string | null {
  const v = value[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new MethodologyShapeError(`${path}.${key}`, 'expected a string');
  return v;
}

function list(value: Json, key: string, path: string): unknown[] {
  const v = value[key];
  if (!Array.isArray(v)) throw new MethodologyShapeError(`${path}.${key}`, 'expected an array');
  return v;
}

/**
 * Reads the parts of a methodology document (docs/methodology-format.md) the database needs.
 * @throws {MethodologyShapeError} with the JSON path of the first unreadable part.
 */
export function outlineMethodology(document: unknown): MethodologyOutline {
  if (!isObject(document)) throw new MethodologyShapeError('$', 'expected an object');
  const indicatorList = list(document, 'indicators', '$').map((item, i): IndicatorOutline => {
    const path = `$.indicators[${i}]`;
    if (!isObject(item)) throw new MethodologyShapeError(path, 'expected an object');
    return {
      key: text(item, 'key', path),
      name: text(item, 'name', path),
      nameZh: optionalText(item, 'name_zh', path),
      unit: optionalText(item, 'unit', path),
    };
  });
  const known = new Set(indicatorList.map((indicator) => indicator.key));

  const dimensions = list(document, 'dimensions', '$').map((item, i): DimensionOutline => {
    const path = `$.dimensions[${i}]`;
    if (!isObject(item)) throw new MethodologyShapeError(path, 'expected an object');
    const keys: string[] = [];
    let slots = 0;
    const walk = (node: Json, nodePath: string) => {
      for (const [c, child] of list(node, 'children', nodePath).entries()) {
        const childPath = `${nodePath}.children[${c}]`;
        if (!isObject(child)) throw new MethodologyShapeError(childPath, 'expected an object');
        if ('indicator' in child) {
          const key = text(child, 'indicator', childPath);
          if (!known.has(key))
            throw new MethodologyShapeError(`${childPath}.indicator`, `unknown indicator "${key}"`);
          slots++;
          if (!keys.includes(key)) keys.push(key);
        } else {
          walk(child, childPath);
        }
      }
    };
    walk(item, path);
    return {
      key: text(item, 'key', path),
      name: text(item, 'name', path),
      category: optionalText(item, 'category', path),
      indicatorKeys: keys,
      slots,
    };
  });

  return {
    id: text(document, 'id', '$'),
    version: text(document, 'version', '$'),
    title: text(document, 'title', '$'),
    indicators: indicatorList,
    dimensions,
  };
}

export interface StoredMethodology {
  id: number;
  /** False when the same document was already stored. */
  inserted: boolean;
  /** Indicator rows inserted or renamed by this call. */
  indicatorsChanged: number;
}

/**
 * Stores a methodology document whole (idempotent: the same document again changes nothing) and
 * upserts the indicator rows evidence refers to; names and units follow the latest stored document.
 * @throws {MethodologyConflictError} when the same id and version is stored with another document
 *   (methodologies are immutable).
 */
export async function storeMethodology(
  db: Executor,
  document: unknown,
  options: { createdBy?: number | null } = {},
): Promise<StoredMethodology> {
  const outline = outlineMethodology(document);
  const documentHash = sha256CanonicalJson(document);
  const inserted = await db
    .insert(methodologies)
    .values({
      key: outline.id,
      version: outline.version,
      title: outline.title,
      document,
      documentHash,
      createdBy: options.createdBy ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: methodologies.id });
  let id = inserted[0]?.id;
  if (id === undefined) {
    const [existing] = await db
      .select({ id: methodologies.id, documentHash: methodologies.documentHash })
      .from(methodologies)
      .where(and(eq(methodologies.key, outline.id), eq(methodologies.version, outline.version)));
    if (!existing || existing.documentHash !== documentHash) {
      throw new MethodologyConflictError(outline.id, outline.version);
    }
    id = existing.id;
  }

  const changed =
    outline.indicators.length === 0
      ? []
      : await db
          .insert(indicators)
          .values(outline.indicators)
          .onConflictDoUpdate({
            target: indicators.key,
            set: { name: sql`excluded.name`, nameZh: sql`excluded.name_zh`, unit: sql`excluded.unit` },
            setWhere: sql`(${indicators.name}, ${indicators.nameZh}, ${indicators.unit}) IS DISTINCT FROM (excluded.name, excluded.name_zh, excluded.unit)`,
          })
          .returning({ key: indicators.key });

  return { id, inserted: inserted.length > 0, indicatorsChanged: changed.length };
}
