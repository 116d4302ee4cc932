import type { DimensionDefinition, IndicatorDefinition, MethodologyNode } from '../methodology/types';
import { isIndicatorNode } from '../methodology/types';

export const LEAF = 0;
export const ARITHMETIC = 1;
export const GEOMETRIC = 2;

/**
 * A dimension tree flattened into arrays, so that evaluation is a loop over typed arrays rather
 * than a walk over objects. Node ids put the leaves first — leaf l is node l, in preorder — so the
 * normalised leaf rows of a node-major matrix form one contiguous leaf-major block; the group nodes
 * follow, in preorder (the root is node `root` = number of leaves). `groups` lists them in preorder:
 * bottom-up evaluation walks it backwards, top-down passes forwards.
 */
export interface CompiledDimension {
  key: string;
  name: string;
  category: string | undefined;
  nodeCount: number;
  /** The root's node id (= the number of leaves). */
  root: number;
  /** LEAF, ARITHMETIC or GEOMETRIC, per node. */
  kind: Uint8Array;
  /** Parent node, −1 for the root. */
  parent: Int32Array;
  /** Weight relative to siblings, as written (the root's is 1 and unused). */
  weight: Float64Array;
  /** Children of group g are `children[childStart[g] .. childEnd[g])`. */
  childStart: Int32Array;
  childEnd: Int32Array;
  children: Int32Array;
  /** Group key, or indicator key for a leaf. */
  nodeKey: string[];
  /** Every node in preorder (root first): the order of the Monte Carlo weight draws. */
  preorder: Int32Array;
  /** Group nodes in preorder (root first). */
  groups: Int32Array;
  /** Leaf nodes in preorder (leaf l is node l); `leafIndicator[l]` is the indicator of `leafNode[l]`. */
  leafNode: Int32Array;
  leafIndicator: IndicatorDefinition[];
}

/**
 * Flattens a validated dimension tree (see {@link CompiledDimension}).
 *
 * Complexity: O(number of nodes).
 *
 * @throws {Error} when a leaf names an indicator missing from `indicators` (a validated methodology
 *   never does)
 */
export function compileDimension(
  dimension: DimensionDefinition,
  indicators: ReadonlyMap<string, IndicatorDefinition>,
): CompiledDimension {
  const kind: number[] = [];
  const parent: number[] = [];
  const weight: number[] = [];
  const nodeKey: string[] = [];
  const childLists: number[][] = [];

  const add = (node: MethodologyNode | null, parentId: number): number => {
    const id = kind.length;
    parent.push(parentId);
    childLists.push([]);
    if (node === null) {
      kind.push(dimension.aggregate === 'geometric' ? GEOMETRIC : ARITHMETIC);
      weight.push(1);
      nodeKey.push(dimension.key);
      for (const child of dimension.children) childLists[id]?.push(add(child, id));
    } else if (isIndicatorNode(node)) {
      kind.push(LEAF);
      weight.push(node.weight);
      nodeKey.push(node.indicator);
    } else {
      kind.push(node.aggregate === 'geometric' ? GEOMETRIC : ARITHMETIC);
      weight.push(node.weight);
      nodeKey.push(node.key);
      for (const child of node.children) childLists[id]?.push(add(child, id));
    }
    return id;
  };
  add(null, -1);

  // Renumber: leaves first (in preorder), then groups (in preorder).
  const nodeCount = kind.length;
  const renumber = new Int32Array(nodeCount);
  let nextLeaf = 0;
  let nextGroup = kind.filter((k) => k === LEAF).length;
  const root = nextGroup;
  for (let id = 0; id < nodeCount; id++) renumber[id] = kind[id] === LEAF ? nextLeaf++ : nextGroup++;

  const newKind = new Uint8Array(nodeCount);
  const newParent = new Int32Array(nodeCount);
  const newWeight = new Float64Array(nodeCount);
  const newKey: string[] = new Array(nodeCount);
  const childStart = new Int32Array(nodeCount);
  const childEnd = new Int32Array(nodeCount);
  const children: number[] = [];
  const groups: number[] = [];
  const leafIndicator: IndicatorDefinition[] = [];
  for (let id = 0; id < nodeCount; id++) {
    const to = renumber[id] as number;
    newKind[to] = kind[id] as number;
    const parentId = parent[id] as number;
    newParent[to] = parentId < 0 ? -1 : (renumber[parentId] as number);
    newWeight[to] = weight[id] as number;
    newKey[to] = nodeKey[id] as string;
    if (kind[id] === LEAF) {
      const key = nodeKey[id] as string;
      const indicator = indicators.get(key);
      if (indicator === undefined) throw new Error(`dimension ${dimension.key}: undefined indicator ${key}`);
      leafIndicator.push(indicator);
    } else {
      groups.push(to);
    }
  }
  for (let id = 0; id < nodeCount; id++) {
    if (kind[id] === LEAF) continue;
    const g = renumber[id] as number;
    childStart[g] = children.length;
    for (const child of childLists[id] ?? []) children.push(renumber[child] as number);
    childEnd[g] = children.length;
  }
  return {
    key: dimension.key,
    name: dimension.name,
    category: dimension.category,
    nodeCount,
    root,
    kind: newKind,
    parent: newParent,
    weight: newWeight,
    childStart,
    childEnd,
    children: Int32Array.from(children),
    nodeKey: newKey,
    preorder: renumber,
    groups: Int32Array.from(groups),
    leafNode: Int32Array.from({ length: root }, (_, l) => l),
    leafIndicator,
  };
}
