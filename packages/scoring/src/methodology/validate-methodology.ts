import type { MethodologyIssue } from '../errors';
import { ISO_DURATION_FORM, parseIsoDuration } from '../freshness/iso-duration';
import { transformValue } from '../transform/transform';
import { childPath, indexPath } from './json-path';
import type {
  AggregateMethod,
  CapSpec,
  CombineMethod,
  DimensionDefinition,
  Direction,
  IndicatorDefinition,
  Methodology,
  MethodologyNode,
  MissingPolicy,
  NormalizeSpec,
  ShareRule,
  SharesSpec,
  StalePolicy,
  TransformMethod,
} from './types';

/** The outcome of {@link validateMethodology}. */
export type ValidationResult =
  | { ok: true; methodology: Methodology }
  | { ok: false; issues: MethodologyIssue[] };

const TOP_KEYS = [
  'id',
  'version',
  'title',
  'description',
  'scale',
  'indicators',
  'dimensions',
  'shares',
] as const;
const SHARES_KEYS = ['across_dimensions'] as const;
const INDICATOR_KEYS = [
  'key',
  'name',
  'name_zh',
  'unit',
  'direction',
  'combine',
  'transform',
  'cap',
  'winsorize',
  'normalize',
  'missing',
  'window',
  'stale',
] as const;
const CAP_KEYS = ['min', 'max'] as const;
const DIMENSION_KEYS = ['key', 'name', 'category', 'aggregate', 'children'] as const;
const GROUP_KEYS = ['key', 'name', 'weight', 'aggregate', 'children'] as const;
const LEAF_KEYS = ['indicator', 'weight'] as const;

const DIRECTIONS: readonly Direction[] = ['higher', 'lower'];
const COMBINES: readonly CombineMethod[] = ['latest', 'sum', 'max', 'min', 'mean', 'median', 'count'];
const TRANSFORMS: readonly TransformMethod[] = ['none', 'log', 'log1p', 'sqrt'];
const MISSINGS: readonly MissingPolicy[] = ['zero', 'exclude', 'mean'];
const STALES: readonly StalePolicy[] = ['exclude', 'flag'];
const AGGREGATES: readonly AggregateMethod[] = ['arithmetic', 'geometric'];
/** The share rules, the default first. */
export const SHARE_RULES: readonly ShareRule[] = ['mean_of_dimension_shares', 'pooled_scores'];
const NORMALIZE_METHODS: readonly NormalizeSpec['method'][] = [
  'minmax',
  'goalposts',
  'zscore',
  'rank',
  'none',
];

/** Trees deeper than this are refused (a guard for hand-built objects; real methodologies have 2–4 levels). */
const MAX_TREE_DEPTH = 64;

type PlainObject = Record<string, unknown>;

/**
 * Validates a methodology document (parsed from JSON or YAML) against docs/methodology-format.md and returns
 * it normalised — every default filled in: `scale` 100, `weight` 1, `aggregate` arithmetic,
 * `direction` higher, `combine` latest, `transform` none, `normalize` {method: minmax}, `missing`
 * zero, `winsorize` 0 (no clipping), and `stale` exclude on an indicator that has a `window`.
 * Optional keys that have no default (`description`, `name_zh`, `unit`, `cap`, `window`) and `shares`
 * (whose default rule `shareRuleOf` supplies) stay absent
 * when absent, so a document without them normalises (and hashes) as it did before they existed.
 *
 * Every problem is reported with its JSON path (never only the first):
 * unknown keys; missing required keys (`id`, `version`, `title`, `indicators`, `dimensions`, each
 * indicator's `key` and `name`, each dimension's and group's `key`, `name` and `children`); values of
 * the wrong type or outside their enumeration; non-finite numbers; negative weights; `scale` ≤ 0;
 * `winsorize` outside [0, 0.5); `cap.min` > `cap.max`; a `window` that is not an ISO 8601 duration of
 * whole years, months, weeks and days; `stale` without `window`; goalposts with `min` ≥ `max` or bounds the
 * transform cannot take (e.g. `log` of 0); a `shares` that is not `{across_dimensions: <rule>}`; duplicate indicator keys; duplicate dimension keys; group
 * keys repeated within a dimension (or equal to the dimension key); an indicator referenced twice in
 * one dimension; references to undefined indicators; empty `children`; and cycles (an object that
 * contains itself, possible in hand-built objects or through YAML aliases).
 *
 * Group keys may repeat across dimensions (two dimensions may each have an `adoption` pillar),
 * and an indicator may appear in several dimensions.
 *
 * Complexity: O(size of the document).
 *
 * @example
 * const result = validateMethodology({ id: 'x', version: '1', title: 'X', indicators: [], dimensions: [] });
 * // result.ok === false; result.issues[0] → { path: '$.indicators', message: 'must not be empty' }
 */
export function validateMethodology(doc: unknown): ValidationResult {
  const validator = new Validator();
  const methodology = validator.validate(doc);
  if (validator.issues.length > 0 || methodology === undefined)
    return { ok: false, issues: validator.issues };
  return { ok: true, methodology };
}

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `a ${typeof value}`;
}

class Validator {
  readonly issues: MethodologyIssue[] = [];
  /** Objects and arrays on the path from the root to the current value (cycle detection). */
  private readonly ancestors = new Set<object>();

  private report(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** Enters an object/array; returns false (and reports) when it is already on the current path. */
  private enter(value: object, path: string): boolean {
    if (this.ancestors.has(value)) {
      this.report(path, 'cycle: this value contains itself');
      return false;
    }
    this.ancestors.add(value);
    return true;
  }

  private leave(value: object): void {
    this.ancestors.delete(value);
  }

  private checkKeys(obj: PlainObject, allowed: readonly string[], path: string, hint?: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) {
        this.report(childPath(path, key), `unknown key ${JSON.stringify(key)}${hint ? ` (${hint})` : ''}`);
      }
    }
  }

  private requiredString(obj: PlainObject, key: string, path: string): string | undefined {
    if (!(key in obj)) {
      this.report(childPath(path, key), 'required');
      return undefined;
    }
    return this.optionalString(obj, key, path);
  }

  private optionalString(obj: PlainObject, key: string, path: string): string | undefined {
    if (!(key in obj)) return undefined;
    const value = obj[key];
    if (typeof value !== 'string') {
      const hint = typeof value === 'number' ? ' (quote it in YAML)' : '';
      this.report(childPath(path, key), `must be a string, not ${describe(value)}${hint}`);
      return undefined;
    }
    if (value.trim() === '') {
      this.report(childPath(path, key), 'must not be empty');
      return undefined;
    }
    return value;
  }

  private optionalNumber(obj: PlainObject, key: string, path: string): number | undefined {
    if (!(key in obj)) return undefined;
    const value = obj[key];
    if (typeof value !== 'number') {
      this.report(childPath(path, key), `must be a number, not ${describe(value)}`);
      return undefined;
    }
    if (!Number.isFinite(value)) {
      this.report(childPath(path, key), `must be a finite number, not ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  private optionalEnum<T extends string>(
    obj: PlainObject,
    key: string,
    allowed: readonly T[],
    fallback: T,
    path: string,
  ): T {
    if (!(key in obj)) return fallback;
    const value = obj[key];
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.report(
      childPath(path, key),
      `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, not ${describe(value)}`,
    );
    return fallback;
  }

  private weight(obj: PlainObject, path: string): number {
    const weight = this.optionalNumber(obj, 'weight', path);
    if (weight === undefined) return 1;
    if (weight < 0) {
      this.report(childPath(path, 'weight'), `must be ≥ 0, not ${weight}`);
      return 1;
    }
    return weight;
  }

  validate(doc: unknown): Methodology | undefined {
    if (!isPlainObject(doc)) {
      this.report('$', `a methodology must be an object, not ${describe(doc)}`);
      return undefined;
    }
    this.checkKeys(doc, TOP_KEYS, '$');
    const id = this.requiredString(doc, 'id', '$');
    const version = this.requiredString(doc, 'version', '$');
    const title = this.requiredString(doc, 'title', '$');
    const description = this.optionalString(doc, 'description', '$');
    let scale = this.optionalNumber(doc, 'scale', '$') ?? 100;
    if (scale <= 0) {
      this.report('$.scale', `must be > 0, not ${scale}`);
      scale = 100;
    }
    const known = new Set<string>();
    const indicators = this.indicators(doc, known);
    const dimensions = this.dimensions(doc, known, 'indicators' in doc && Array.isArray(doc.indicators));
    const shares = this.shares(doc);
    if (id === undefined || version === undefined || title === undefined) return undefined;
    return {
      id,
      version,
      title,
      ...(description === undefined ? {} : { description }),
      scale,
      indicators,
      dimensions,
      ...(shares === undefined ? {} : { shares }),
    };
  }

  /** `shares: { across_dimensions }`; absent stays absent (the default rule, `shareRuleOf`). */
  private shares(doc: PlainObject): SharesSpec | undefined {
    if (!('shares' in doc)) return undefined;
    const path = '$.shares';
    const value = doc.shares;
    if (!isPlainObject(value)) {
      this.report(path, `must be an object {across_dimensions}, not ${describe(value)}`);
      return undefined;
    }
    this.checkKeys(value, SHARES_KEYS, path);
    if (!('across_dimensions' in value)) {
      this.report(
        childPath(path, 'across_dimensions'),
        `required: one of ${SHARE_RULES.map((r) => JSON.stringify(r)).join(', ')} (or leave out "shares")`,
      );
      return undefined;
    }
    const rule = this.optionalEnum(
      value,
      'across_dimensions',
      SHARE_RULES,
      SHARE_RULES[0] as ShareRule,
      path,
    );
    return { across_dimensions: rule };
  }

  /** Validates `indicators`; `known` receives every string key, valid entry or not (no cascading issues). */
  private indicators(doc: PlainObject, known: Set<string>): IndicatorDefinition[] {
    const path = '$.indicators';
    if (!('indicators' in doc)) {
      this.report(path, 'required');
      return [];
    }
    const list = doc.indicators;
    if (!Array.isArray(list)) {
      this.report(path, `must be an array, not ${describe(list)}`);
      return [];
    }
    if (list.length === 0) this.report(path, 'must not be empty');
    const out: IndicatorDefinition[] = [];
    const firstAt = new Map<string, string>();
    list.forEach((item, index) => {
      const itemPath = indexPath(path, index);
      if (isPlainObject(item) && typeof item.key === 'string') known.add(item.key);
      const indicator = this.indicator(item, itemPath);
      if (indicator === undefined) return;
      const first = firstAt.get(indicator.key);
      if (first !== undefined) {
        this.report(
          childPath(itemPath, 'key'),
          `duplicate indicator key ${JSON.stringify(indicator.key)} (first at ${first})`,
        );
        return;
      }
      firstAt.set(indicator.key, childPath(itemPath, 'key'));
      out.push(indicator);
    });
    return out;
  }

  private indicator(item: unknown, path: string): IndicatorDefinition | undefined {
    if (!isPlainObject(item)) {
      this.report(path, `an indicator must be an object, not ${describe(item)}`);
      return undefined;
    }
    this.checkKeys(item, INDICATOR_KEYS, path);
    const key = this.requiredString(item, 'key', path);
    const name = this.requiredString(item, 'name', path);
    const nameZh = this.optionalString(item, 'name_zh', path);
    const unit = this.optionalString(item, 'unit', path);
    const direction = this.optionalEnum(item, 'direction', DIRECTIONS, 'higher', path);
    const combine = this.optionalEnum(item, 'combine', COMBINES, 'latest', path);
    const transform = this.optionalEnum(item, 'transform', TRANSFORMS, 'none', path);
    const cap = this.cap(item, path);
    let winsorize = this.optionalNumber(item, 'winsorize', path) ?? 0;
    if (winsorize < 0 || winsorize >= 0.5) {
      this.report(childPath(path, 'winsorize'), `must be in [0, 0.5), not ${winsorize}`);
      winsorize = 0;
    }
    const normalize = this.normalize(item, transform, path);
    const missing = this.optionalEnum(item, 'missing', MISSINGS, 'zero', path);
    const window = this.window(item, path);
    const stale = this.optionalEnum(item, 'stale', STALES, 'exclude', path);
    if ('stale' in item && !('window' in item)) {
      this.report(
        childPath(path, 'stale'),
        'needs a "window": stale says what happens to values observed before cutoff − window',
      );
    }
    if (key === undefined || name === undefined) return undefined;
    return {
      key,
      name,
      ...(nameZh === undefined ? {} : { name_zh: nameZh }),
      ...(unit === undefined ? {} : { unit }),
      direction,
      combine,
      transform,
      ...(cap === undefined ? {} : { cap }),
      winsorize,
      normalize,
      missing,
      ...(window === undefined ? {} : { window, stale }),
    };
  }

  /** The freshness window: an ISO 8601 duration of whole date units, kept as written. */
  private window(item: PlainObject, indicatorPath: string): string | undefined {
    if (!('window' in item)) return undefined;
    const value = item.window;
    if (typeof value !== 'string' || parseIsoDuration(value) === undefined) {
      this.report(childPath(indicatorPath, 'window'), `must be ${ISO_DURATION_FORM}; not ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  private cap(item: PlainObject, indicatorPath: string): CapSpec | undefined {
    if (!('cap' in item)) return undefined;
    const path = childPath(indicatorPath, 'cap');
    const value = item.cap;
    if (!isPlainObject(value)) {
      this.report(path, `must be an object {min?, max?}, not ${describe(value)}`);
      return undefined;
    }
    this.checkKeys(value, CAP_KEYS, path);
    const min = this.optionalNumber(value, 'min', path);
    const max = this.optionalNumber(value, 'max', path);
    if (min !== undefined && max !== undefined && min > max) {
      this.report(path, `min (${min}) must not exceed max (${max})`);
    }
    const cap: CapSpec = {};
    if (min !== undefined) cap.min = min;
    if (max !== undefined) cap.max = max;
    return cap;
  }

  private normalize(item: PlainObject, transform: TransformMethod, indicatorPath: string): NormalizeSpec {
    const fallback: NormalizeSpec = { method: 'minmax' };
    if (!('normalize' in item)) return fallback;
    const path = childPath(indicatorPath, 'normalize');
    const value = item.normalize;
    if (!isPlainObject(value)) {
      this.report(path, `must be an object {method, …}, not ${describe(value)}`);
      return fallback;
    }
    if (!('method' in value)) {
      this.checkKeys(value, ['method', 'min', 'max'], path);
      this.report(childPath(path, 'method'), 'required');
      return fallback;
    }
    const method = this.optionalEnum(value, 'method', NORMALIZE_METHODS, 'minmax', path);
    if (method !== 'goalposts') {
      this.checkKeys(value, ['method'], path, `${method} takes no parameters`);
      return { method } as NormalizeSpec;
    }
    this.checkKeys(value, ['method', 'min', 'max'], path);
    for (const bound of ['min', 'max'] as const) {
      if (!(bound in value)) this.report(childPath(path, bound), 'required for goalposts');
    }
    const min = this.optionalNumber(value, 'min', path);
    const max = this.optionalNumber(value, 'max', path);
    if (min === undefined || max === undefined) return fallback;
    if (min >= max) {
      this.report(path, `goalposts min (${min}) must be below max (${max})`);
      return fallback;
    }
    let boundsOk = true;
    for (const [bound, raw] of [
      ['min', min],
      ['max', max],
    ] as const) {
      if (!Number.isFinite(transformValue(raw, transform))) {
        this.report(
          childPath(path, bound),
          `${transform} is undefined at ${raw} (the transform applies to goalposts)`,
        );
        boundsOk = false;
      }
    }
    return boundsOk ? { method: 'goalposts', min, max } : fallback;
  }

  private dimensions(
    doc: PlainObject,
    known: ReadonlySet<string>,
    checkReferences: boolean,
  ): DimensionDefinition[] {
    const path = '$.dimensions';
    if (!('dimensions' in doc)) {
      this.report(path, 'required');
      return [];
    }
    const list = doc.dimensions;
    if (!Array.isArray(list)) {
      this.report(path, `must be an array, not ${describe(list)}`);
      return [];
    }
    if (list.length === 0) this.report(path, 'must not be empty');
    const out: DimensionDefinition[] = [];
    const firstAt = new Map<string, string>();
    list.forEach((item, index) => {
      const itemPath = indexPath(path, index);
      const dimension = this.dimension(item, itemPath, known, checkReferences);
      if (dimension === undefined) return;
      const first = firstAt.get(dimension.key);
      if (first !== undefined) {
        this.report(
          childPath(itemPath, 'key'),
          `duplicate dimension key ${JSON.stringify(dimension.key)} (first at ${first})`,
        );
        return;
      }
      firstAt.set(dimension.key, childPath(itemPath, 'key'));
      out.push(dimension);
    });
    return out;
  }

  private dimension(
    item: unknown,
    path: string,
    known: ReadonlySet<string>,
    checkReferences: boolean,
  ): DimensionDefinition | undefined {
    if (!isPlainObject(item)) {
      this.report(path, `a dimension must be an object, not ${describe(item)}`);
      return undefined;
    }
    this.checkKeys(item, DIMENSION_KEYS, path);
    const key = this.requiredString(item, 'key', path);
    const name = this.requiredString(item, 'name', path);
    const category = this.optionalString(item, 'category', path);
    const aggregate = this.optionalEnum(item, 'aggregate', AGGREGATES, 'arithmetic', path);
    const scope: TreeScope = {
      known,
      checkReferences,
      groupKeys: new Map(key === undefined ? [] : [[key, childPath(path, 'key')]]),
      indicators: new Map(),
    };
    const children = this.children(item, path, scope, 1);
    if (key === undefined || name === undefined || children === undefined) return undefined;
    return { key, name, ...(category === undefined ? {} : { category }), aggregate, children };
  }

  private children(
    owner: PlainObject,
    ownerPath: string,
    scope: TreeScope,
    depth: number,
  ): MethodologyNode[] | undefined {
    const path = childPath(ownerPath, 'children');
    if (!('children' in owner)) {
      this.report(path, 'required');
      return undefined;
    }
    const list = owner.children;
    if (!Array.isArray(list)) {
      this.report(path, `must be an array of nodes, not ${describe(list)}`);
      return undefined;
    }
    if (list.length === 0) {
      this.report(path, 'must not be empty');
      return undefined;
    }
    if (depth > MAX_TREE_DEPTH) {
      this.report(path, `tree deeper than ${MAX_TREE_DEPTH} levels`);
      return undefined;
    }
    if (!this.enter(list, path)) return undefined;
    const out: MethodologyNode[] = [];
    let complete = true;
    list.forEach((child, index) => {
      const node = this.node(child, indexPath(path, index), scope, depth);
      if (node === undefined) complete = false;
      else out.push(node);
    });
    this.leave(list);
    return complete ? out : undefined;
  }

  private node(item: unknown, path: string, scope: TreeScope, depth: number): MethodologyNode | undefined {
    if (!isPlainObject(item)) {
      this.report(path, `a node must be an object, not ${describe(item)}`);
      return undefined;
    }
    if (!this.enter(item, path)) return undefined;
    try {
      return 'indicator' in item ? this.leaf(item, path, scope) : this.group(item, path, scope, depth);
    } finally {
      this.leave(item);
    }
  }

  private leaf(item: PlainObject, path: string, scope: TreeScope): MethodologyNode | undefined {
    this.checkKeys(item, LEAF_KEYS, path, 'an indicator node takes only "indicator" and "weight"');
    const indicator = this.requiredString(item, 'indicator', path);
    const weight = this.weight(item, path);
    if (indicator === undefined) return undefined;
    const indicatorPath = childPath(path, 'indicator');
    if (scope.checkReferences && !scope.known.has(indicator)) {
      this.report(indicatorPath, `unknown indicator ${JSON.stringify(indicator)}`);
      return undefined;
    }
    const first = scope.indicators.get(indicator);
    if (first !== undefined) {
      this.report(
        indicatorPath,
        `indicator ${JSON.stringify(indicator)} already used in this dimension at ${first}`,
      );
      return undefined;
    }
    scope.indicators.set(indicator, indicatorPath);
    return { indicator, weight };
  }

  private group(
    item: PlainObject,
    path: string,
    scope: TreeScope,
    depth: number,
  ): MethodologyNode | undefined {
    this.checkKeys(item, GROUP_KEYS, path);
    const key = this.requiredString(item, 'key', path);
    const name = this.requiredString(item, 'name', path);
    const weight = this.weight(item, path);
    const aggregate = this.optionalEnum(item, 'aggregate', AGGREGATES, 'arithmetic', path);
    let keyOk = key !== undefined;
    if (key !== undefined) {
      const first = scope.groupKeys.get(key);
      if (first !== undefined) {
        this.report(
          childPath(path, 'key'),
          `duplicate key ${JSON.stringify(key)} in this dimension (first at ${first})`,
        );
        keyOk = false;
      } else {
        scope.groupKeys.set(key, childPath(path, 'key'));
      }
    }
    const children = this.children(item, path, scope, depth + 1);
    if (!keyOk || key === undefined || name === undefined || children === undefined) return undefined;
    return { key, name, weight, aggregate, children };
  }
}

/** What must be unique or known within one dimension's tree. */
interface TreeScope {
  known: ReadonlySet<string>;
  checkReferences: boolean;
  /** Group keys (and the dimension key) seen so far, with the path of the first use. */
  groupKeys: Map<string, string>;
  /** Indicators referenced so far, with the path of the first reference. */
  indicators: Map<string, string>;
}
