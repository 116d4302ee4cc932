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

/**
 * NUL characters: PostgreSQL text cannot hold them, and one leaves PGlite's protocol emulation broken
 * for the next query. Judged on decoded values — strings of the parsed document (every escape
 * spelling: `\u0000`, `\u{0}`, a raw NUL in a block string) and of the parsed JSON — never on the
 * request's text, which has more spellings than a filter can list.
 */
export const NUL_MESSAGE = 'Strings may not contain NUL characters';

export const noNulCharacters: ValidationRule = (context) => ({
  StringValue(node) {
    if (node.value.includes('\u0000')) context.reportError(new GraphQLError(NUL_MESSAGE, { nodes: [node] }));
  },
});

/**
 * What is wrong with parsed JSON, if anything: objects or arrays nested more than `max` levels
 * deep, or a NUL in a string (key or value). Iterative, so any depth is safe.
 */
export function jsonProblem(value: unknown, max: number = MAX_JSON_DEPTH): 'too deep' | 'NUL' | undefined {
  const stack: [unknown, number][] = [[value, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [current, depth] = item;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return 'NUL';
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth > max) return 'too deep';
    for (const [key, child] of Object.entries(current)) {
      if (key.includes('\u0000')) return 'NUL';
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

/**
 * The first problem among the members of a request's JSON (`variables`, `extensions`, …; the
 * document is judged once parsed, by noNulCharacters), as a message naming the member.
 */
export function jsonMembersProblem(members: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(members)) {
    if (name === 'query' && typeof value === 'string') continue;
    const problem = jsonProblem(value);
    if (problem === 'too deep') return `"${name}" is nested more than ${MAX_JSON_DEPTH} levels deep`;
    if (problem === 'NUL') return `${NUL_MESSAGE} (in "${name}")`;
  }
  return undefined;
}
