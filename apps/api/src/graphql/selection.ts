/**
 * Look-ahead for resolvers: whether an operation asks for a field below the one being resolved, so
 * a resolver can load it in the same statement instead of leaving it to a child resolver's loader.
 *
 * Fields are matched by name (aliases do not matter), through inline fragments and named fragment
 * spreads. `@skip`/`@include` and type conditions are not evaluated: a field under them counts as
 * selected, so the answer may over-fetch but never under-fetches (the child resolvers still load
 * whatever was not primed).
 */
import { type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/** What the helper reads from a resolver's `info` (graphql-js and graphql-jit both provide it). */
export type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/**
 * Whether `path` (field names separated by dots, e.g. `organizations` or `edges.node.organizations`)
 * is selected under the field being resolved.
 */
export function isSelected(info: SelectionInfo, path: string): boolean {
  const names = path.split('.');
  return info.fieldNodes.some((node) => selects(node.selectionSet, names, info.fragments, []));
}

function selects(
  set: SelectionSetNode | undefined,
  names: readonly string[],
  fragments: Record<string, FragmentDefinitionNode>,
  /** Fragments entered on the way here, so that a (invalid) cycle cannot loop. */
  entered: readonly string[],
): boolean {
  if (!set) return false;
  const [name, ...rest] = names;
  return set.selections.some((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return (
          selection.name.value === name &&
          (rest.length === 0 || selects(selection.selectionSet, rest, fragments, entered))
        );
      case Kind.INLINE_FRAGMENT:
        return selects(selection.selectionSet, names, fragments, entered);
      case Kind.FRAGMENT_SPREAD: {
        const spread = selection.name.value;
        const fragment = fragments[spread];
        return (
          !!fragment &&
          !entered.includes(spread) &&
          selects(fragment.selectionSet, names, fragments, [...entered, spread])
        );
      }
      default:
        return false;
    }
  });
}
