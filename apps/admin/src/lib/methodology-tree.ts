/** Reads a methodology document (docs/methodology-format.md, defaults filled in by the API) into a tree. */
export interface IndicatorSettings {
  key: string;
  name: string;
  nameZh: string | null;
  unit: string | null;
  direction: string;
  combine: string;
  transform: string;
  normalize: string;
  missing: string;
}

export interface TreeNode {
  key: string;
  name: string;
  weight: number;
  /** Share of the dimension score: the product of normalised weights down the path. */
  effectiveWeight: number;
  aggregate: string | null;
  indicator: IndicatorSettings | null;
  children: TreeNode[];
}

export interface DimensionTree {
  key: string;
  name: string;
  category: string | null;
  aggregate: string;
  children: TreeNode[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;

function readIndicator(raw: Json): IndicatorSettings {
  const normalize = isObject(raw.normalize)
    ? str(raw.normalize.method, 'minmax')
    : str(raw.normalize, 'minmax');
  return {
    key: str(raw.key),
    name: str(raw.name, str(raw.key)),
    nameZh: typeof raw.name_zh === 'string' ? raw.name_zh : null,
    unit: typeof raw.unit === 'string' ? raw.unit : null,
    direction: str(raw.direction, 'higher'),
    combine: str(raw.combine, 'latest'),
    transform: str(raw.transform, 'none'),
    normalize,
    missing: str(raw.missing, 'zero'),
  };
}

function readChildren(
  raw: unknown,
  parentShare: number,
  indicators: Map<string, IndicatorSettings>,
): TreeNode[] {
  if (!Array.isArray(raw)) return [];
  const nodes = raw.filter(isObject);
  const total = nodes.reduce((sum, n) => sum + num(n.weight, 1), 0);
  return nodes.map((n) => {
    const weight = num(n.weight, 1);
    const share = total > 0 ? (parentShare * weight) / total : 0;
    const indicatorKey = typeof n.indicator === 'string' ? n.indicator : null;
    if (indicatorKey) {
      const indicator = indicators.get(indicatorKey) ?? readIndicator({ key: indicatorKey });
      return {
        key: indicatorKey,
        name: indicator.name,
        weight,
        effectiveWeight: share,
        aggregate: null,
        indicator,
        children: [],
      };
    }
    return {
      key: str(n.key),
      name: str(n.name, str(n.key)),
      weight,
      effectiveWeight: share,
      aggregate: str(n.aggregate, 'arithmetic'),
      indicator: null,
      children: readChildren(n.children, share, indicators),
    };
  });
}

export function readMethodologyTree(document: unknown): DimensionTree[] {
  if (!isObject(document)) return [];
  const indicators = new Map<string, IndicatorSettings>();
  if (Array.isArray(document.indicators)) {
    for (const raw of document.indicators)
      if (isObject(raw)) indicators.set(str(raw.key), readIndicator(raw));
  }
  if (!Array.isArray(document.dimensions)) return [];
  return document.dimensions.filter(isObject).map((d) => ({
    key: str(d.key),
    name: str(d.name, str(d.key)),
    category: typeof d.category === 'string' ? d.category : null,
    aggregate: str(d.aggregate, 'arithmetic'),
    children: readChildren(d.children, 1, indicators),
  }));
}
