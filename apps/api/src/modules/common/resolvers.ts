/** Scalars and the enum maps that give GraphQL's upper-case enum values their database spelling. */
import { ROLES, SCOPE_OF_ENUM_VALUE, SOURCE_KINDS } from '@ranking/contracts';
import { CORRECTION_CAUSES, CORRECTION_POLICIES } from '@ranking/schema';
import { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';
import { upper } from '../../graphql/enum-values';
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import { isCalendarDate } from '../../lib/validate';

const parseDate = (value: unknown): string => {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError('Date must be a calendar date YYYY-MM-DD');
  }
  return value;
};

const parseDateTime = (value: unknown): Date => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new GraphQLError('DateTime must be an ISO 8601 date-time');
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 date-time');
  return date;
};

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSON: JsonScalar,
  Category: upper(['data', 'model', 'system', 'evaluation']),
  Role: upper(ROLES),
  Scope: SCOPE_OF_ENUM_VALUE,
  EditionStatus: upper(['draft', 'computed', 'published']),
  EvidenceStatus: upper(['pending', 'approved', 'rejected', 'superseded']),
  SourceKind: upper(SOURCE_KINDS),
  OrganizationKind: upper(['company', 'university', 'lab', 'foundation', 'community']),
  ProjectStatus: upper(['active', 'archived']),
  ReviewDecision: upper(['approve', 'reject']),
  ViewerKind: { ANONYMOUS: 'anonymous', USER: 'user', API_KEY: 'api_key' },
  AnomalyBasis: upper(['series', 'peers']),
  DisputeStatus: upper(['open', 'accepted', 'rejected', 'withdrawn']),
  ContestVisibility: upper(['public', 'contacts']),
  CorrectionPolicy: upper(CORRECTION_POLICIES),
  CorrectionCause: upper(CORRECTION_CAUSES),
};
