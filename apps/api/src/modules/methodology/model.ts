/**
 * The methodology module's models: the parents its resolvers receive (the codegen mappers point
 * here) and the dimension models other modules read. Types only.
 */
import type { ProjectCategory } from '@ranking/schema';
import type {
  DimensionDefinition,
  GroupNode,
  IndicatorDefinition,
  IndicatorNode,
  Methodology,
  ShareRule,
} from '@ranking/scoring';
import type { IndicatorRow } from './store';

/** Where a node sits in its dimension's tree: its weight (relative to its siblings) and its pillar. */
export interface NodePlacement {
  weight: number;
  /** The key of the group node directly above; null for a child of the dimension's root. */
  parent: string | null;
  /** The key of the top-level group node (pillar) it is in or is; null for an indicator directly under the root. */
  pillar: string | null;
}

export interface GroupPlacement extends NodePlacement {
  name: string;
  /** Every indicator below the group, at any depth. */
  indicatorKeys: string[];
}

export interface DimensionModel {
  key: string;
  name: string;
  category: ProjectCategory | null;
  /** The dimension as the methodology defines it (its tree of nodes). */
  definition: DimensionDefinition;
  /** The methodology it belongs to (indicator definitions of the tree's leaves). */
  methodology: Methodology;
  indicatorKeys: string[];
  /** Group nodes by key, in tree order (preorder), for breakdowns. */
  groups: Map<string, GroupPlacement>;
  /** Indicators by key, for breakdowns. */
  leaves: Map<string, NodePlacement>;
}

/** An indicator's catalogue row, with its definition in the methodology it was reached through. */
export interface IndicatorModel extends IndicatorRow {
  definition?: IndicatorDefinition | undefined;
}

/** A group node of a dimension's tree, with the methodology it belongs to. */
export interface GroupNodeModel {
  node: GroupNode;
  methodology: Methodology;
}

/** A leaf of a dimension's tree, with the methodology it belongs to. */
export interface IndicatorNodeModel {
  node: IndicatorNode;
  methodology: Methodology;
}

export type TreeNodeModel = GroupNodeModel | IndicatorNodeModel;

/** `ShareRule`: the rule for shares over all dimensions and what it computes. */
export interface ShareRuleModel {
  key: ShareRule;
  description: string;
}
