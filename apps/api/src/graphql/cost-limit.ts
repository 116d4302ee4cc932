/**
 * The query cost limit, reported as QUERY_TOO_COSTLY with the computed cost and the limit.
 *
 * The estimate is graphql-armor's formula — a scalar field costs 1, a field with a selection 2 plus
 * 1.5 × its selection's cost, the whole times its page size; a fragment spread 1 + 1.5 × the
 * fragment's cost — but measured once the operation and its variables are known, so that the page
 * size is the one the request will get: the literal `first` (or `last`), **the value of its variable**,
 * or **the argument's default** (20 or 50) when it is left out. Armor's own rule, a validation rule, sees
 * neither variables nor defaults and counted `first: $n` and an omitted `first` as one item: a
 * ranking of 100 entries asked with a variable cost a hundredth of the same request written out.
 * Page sizes below 1 count as 1, as in armor.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  valueFromAST,
} from 'graphql';
import type { GraphQLContext } from '../context';
import { AppError, ERROR_HTTP_STATUS } from '../errors';

/**
 * Sized so that the heaviest realistic partner request passes: the four rankings of a 120-project
 * edition, `first: 100` each, with breakdowns, indicator scores and their evidence links costs
 * about 97,000 (test/errors-and-limits.test.ts measures it).
 */
export const MAX_QUERY_COST = 150_000;

const SCALAR_COST = 1;
const OBJECT_COST = 2;
const DEPTH_FACTOR = 1.5;
const PAGE_ARGUMENTS = new Set(['first', 'last']);

interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  /** The operation's coerced variables (defaults applied). */
  variables: Readonly<Record<string, unknown>>;
}

/**
 * The estimated cost of `operation` with these variables: every list read counted at the page size
 * the request asks for, or gets by default. Introspection (`__schema`) costs nothing.
 */
export function operationCost(input: CostInput): number {
  const { schema, operation, fragments, variables } = input;
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  /** A fragment's cost once measured (a fragment spread twice costs its measure again, as in armor). */
  const fragmentCosts = new Map<string, number>();

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType | null | undefined): number => {
    if (node.name.value === '__schema') return 0;
    if (!node.selectionSet) return SCALAR_COST;
    const definition =
      parent && (isObjectType(parent) || isInterfaceType(parent))
        ? parent.getFields()[node.name.value]
        : undefined;
    const argument = node.arguments?.find((a) => PAGE_ARGUMENTS.has(a.name.value));
    const argumentDefinition =
      definition?.args.find((a) => a.name === argument?.name.value) ??
      definition?.args.find((a) => PAGE_ARGUMENTS.has(a.name));
    // A variable left out (or null) leaves the argument to its default, as execution does.
    const asked = argument
      ? argumentDefinition
        ? valueFromAST(argument.value, argumentDefinition.type, variables as Record<string, unknown>)
        : argument.value.kind === Kind.INT
          ? Number(argument.value.value)
          : undefined
      : undefined;
    const fallback = argumentDefinition?.defaultValue;
    const pageSize = typeof asked === 'number' ? asked : typeof fallback === 'number' ? fallback : 1;
    const type = definition ? getNamedType(definition.type) : undefined;
    const children = selectionCost(node.selectionSet, type && isCompositeType(type) ? type : undefined);
    return (OBJECT_COST + children) * Math.max(pageSize, 1);
  };

  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType | null | undefined): number => {
    let cost = 0;
    for (const selection of set.selections) cost += DEPTH_FACTOR * nodeCost(selection, parent);
    return cost;
  };

  const nodeCost = (node: SelectionNode, parent: GraphQLCompositeType | null | undefined): number => {
    switch (node.kind) {
      case Kind.FIELD:
        return fieldCost(node, parent);
      case Kind.INLINE_FRAGMENT: {
        const type = node.typeCondition ? schema.getType(node.typeCondition.name.value) : parent;
        return (
          OBJECT_COST + selectionCost(node.selectionSet, type && isCompositeType(type) ? type : undefined)
        );
      }
      case Kind.FRAGMENT_SPREAD: {
        const name = node.name.value;
        let cost = fragmentCosts.get(name);
        if (cost === undefined) {
          const fragment = fragments[name];
          // Validation refused unknown and cyclic fragments before this runs; count them as nothing.
          fragmentCosts.set(name, 0);
          const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
          cost = fragment
            ? OBJECT_COST +
              selectionCost(fragment.selectionSet, type && isCompositeType(type) ? type : undefined)
            : 0;
          fragmentCosts.set(name, cost);
        }
        return SCALAR_COST + DEPTH_FACTOR * cost;
      }
    }
  };

  let total = 0;
  for (const selection of operation.selectionSet.selections) total += nodeCost(selection, root);
  return total;
}

/** The QUERY_TOO_COSTLY refusal (HTTP 400) for a cost above the limit. */
export function costlyError(cost: number, limit: number): GraphQLError {
  const rounded = Math.ceil(cost);
  const message =
    `The query costs ${rounded}, above the limit of ${limit}: ask for fewer items per list (first) or fewer ` +
    'fields, or split it into several requests';
  const error = new AppError('QUERY_TOO_COSTLY', message, { details: { cost: rounded, limit } });
  // The AppError inside gives the client its code and details (graphql/format-error.ts); the
  // extension gives Apollo the status of a refusal before execution.
  return new GraphQLError(message, {
    originalError: error,
    extensions: { http: { status: ERROR_HTTP_STATUS.QUERY_TOO_COSTLY } },
  });
}

/**
 * Measures every operation once it is resolved — after validation, with its variables — and refuses
 * one costing more than `limit` before anything runs.
 */
export function costLimitPlugin(limit = MAX_QUERY_COST): ApolloServerPlugin<GraphQLContext> {
  /**
   * The cost of operations without variables, by the operation itself: Apollo keeps each distinct
   * document parsed, so a client repeating one gets it measured once.
   */
  const costs = new WeakMap<OperationDefinitionNode, number>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request }) {
          if (!operation) return;
          const known = costs.get(operation);
          if (known !== undefined) {
            if (known > limit) throw costlyError(known, limit);
            return;
          }
          const coerced = getVariableValues(
            schema,
            operation.variableDefinitions ?? [],
            request.variables ?? {},
          );
          // Variables that do not coerce are refused by execution before any resolver runs.
          if (coerced.errors) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions)
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          const cost = operationCost({ schema, operation, fragments, variables: coerced.coerced });
          if (!operation.variableDefinitions?.length) costs.set(operation, cost);
          if (cost > limit) throw costlyError(cost, limit);
        },
      };
    },
  };
}
