/**
 * The query cost limit, reported as QUERY_TOO_COSTLY with the computed cost and the limit. The cost
 * is graphql-armor's (objects 2, scalars 1, ×1.5 per level, a list field's selection × its literal
 * `first`); armor's own refusal is a "Syntax Error" without a code, so armor only measures here
 * (its `onAccept` callback receives the cost) and this rule refuses.
 */
import type { ValidationContext } from 'graphql';
import { GraphQLError } from 'graphql';
import { AppError } from '../errors';

/**
 * Sized so that the heaviest realistic partner request passes: the four rankings of a 120-project
 * edition, `first: 100` each, with breakdowns, indicator scores and their evidence links costs
 * about 97,000 (test/errors-and-limits.test.ts measures it).
 */
export const MAX_QUERY_COST = 150_000;

/** armor's `onAccept` callback: refuses an operation costing more than `limit`. */
export function refuseCostAbove(limit: number) {
  return (context: ValidationContext | null, details: unknown): void => {
    const cost = (details as { n?: unknown } | null)?.n;
    if (context === null || typeof cost !== 'number' || cost <= limit) return;
    const rounded = Math.ceil(cost);
    const message =
      `The query costs ${rounded}, above the limit of ${limit}: ask for fewer items per list (first) or fewer ` +
      'fields, or split it into several requests';
    context.reportError(
      new GraphQLError(message, {
        originalError: new AppError('QUERY_TOO_COSTLY', message, { details: { cost: rounded, limit } }),
      }),
    );
  };
}
