/**
 * Validation rules that graphql-armor does not have, against cheap amplification:
 * - the same field (response key) selected over and over in one selection set
 *   (graphql-cop's "field duplication": 500 × `__typename` passes cost and token limits);
 * - several `signIn` fields in one operation (aliases would turn one request into many
 *   password checks, each an argon2id computation).
 */
import { GraphQLError, type SelectionNode, type ValidationRule } from 'graphql';

/** Selections of one response key allowed in one selection set. */
export const MAX_DUPLICATE_FIELDS = 5;
/** Root fields that do expensive, throttled work and may appear once per operation. */
const ONCE_PER_OPERATION = new Set(['signIn']);

export const duplicateFieldLimit: ValidationRule = (context) => ({
  SelectionSet(node) {
    const counts = new Map<string, number>();
    for (const selection of node.selections) {
      if (selection.kind !== 'Field') continue;
      const key = selection.alias?.value ?? selection.name.value;
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      if (count === MAX_DUPLICATE_FIELDS + 1) {
        context.reportError(
          new GraphQLError(`Field "${key}" is selected more than ${MAX_DUPLICATE_FIELDS} times`, {
            nodes: [selection],
          }),
        );
      }
    }
  },
});

export const oncePerOperation: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== 'mutation') return;
    const seen = new Map<string, number>();
    const visited = new Set<string>();
    // Root fields, including those reached through inline fragments and fragment spreads.
    const walk = (selections: readonly SelectionNode[]) => {
      for (const selection of selections) {
        if (selection.kind === 'InlineFragment') {
          walk(selection.selectionSet.selections);
        } else if (selection.kind === 'FragmentSpread') {
          const name = selection.name.value;
          const fragment = context.getFragment(name);
          if (fragment && !visited.has(name)) {
            visited.add(name);
            walk(fragment.selectionSet.selections);
          }
        } else if (ONCE_PER_OPERATION.has(selection.name.value)) {
          const name = selection.name.value;
          const count = (seen.get(name) ?? 0) + 1;
          seen.set(name, count);
          if (count === 2) {
            context.reportError(
              new GraphQLError(`"${name}" may appear once per operation`, { nodes: [selection] }),
            );
          }
        }
      }
    };
    walk(node.selectionSet.selections);
  },
});

/**
 * Levels of nesting allowed in each member of a request's JSON (`variables`, `extensions`, …), the
 * member itself being the first. Serialising (the response cache's key) and coercing variables are
 * recursive: thousands of levels in a few kilobytes would overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether parsed JSON nests objects or arrays more than `max` levels deep; iterative, so any depth is safe. */
export function jsonDepthExceeds(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [current, depth] = item;
    if (current === null || typeof current !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** The member of a request's JSON nested deeper than MAX_JSON_DEPTH, if any (`variables`, `extensions`, …). */
export function tooDeeplyNested(members: Record<string, unknown>): string | undefined {
  return Object.keys(members).find((name) => jsonDepthExceeds(members[name]));
}

export const tooDeepMessage = (member: string) =>
  `"${member}" is nested more than ${MAX_JSON_DEPTH} levels deep`;
