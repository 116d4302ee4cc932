/**
 * Who may read what: one table of field-level read rules, checked against an operation's whole
 * selection before anything runs (`fieldRulesPlugin`) and read by the field resolvers (`mayRead`).
 *
 * A rule says which scope a field needs and what a caller without it gets:
 * - `refuse`: the operation is refused before execution (FORBIDDEN, or UNAUTHENTICATED for
 *   anonymous callers) naming the field, so a mutation never fails after it has committed;
 * - `hide`: the field is null. A `person` field (someone's user record) is also shown to the
 *   signed-in user it is: people are personal data, readable with `admin` or by that person.
 * A `private` field makes the whole answer depend on who asks: `Cache-Control: private, no-store`,
 * never kept by the response cache.
 *
 * Root fields are in the table too, so that a document with several mutations is refused as a
 * whole before the first one runs. The services still check their scopes (the CLI calls them).
 */

import type { ApolloServerPlugin } from '@apollo/server';
import type { EvidenceStatus, Scope } from '@ranking/schema';
import {
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getVariableValues,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { type Actor, hasScope } from '../auth/actor';
import type { GraphQLContext, ServiceContext } from '../context';
import { AppError, toGraphQLError } from '../errors';

export interface FieldRule {
  /** The scope a caller needs to read the field. */
  scope?: Scope;
  /** Only for these arguments (e.g. an evidence list asking for pending evidence); default always. */
  when?: (args: Record<string, unknown>) => boolean;
  /** Without the scope: refuse the operation before it runs, or answer null. */
  otherwise?: 'refuse' | 'hide';
  /** The field is a person: shown to `scope` holders and to the signed-in user it is. */
  person?: boolean;
  /** The answer depends on who asks: the response is `private, no-store`. */
  private?: boolean;
}

const PUBLIC_STATUSES: readonly EvidenceStatus[] = ['approved', 'superseded'];

/** Whether an evidence status filter asks for statuses only `read:drafts` may see. */
export const asksForHiddenEvidence = (statuses: readonly EvidenceStatus[] | null | undefined): boolean =>
  (statuses ?? []).some((status) => !PUBLIC_STATUSES.includes(status));

const evidenceFilterAsksForHidden = (args: Record<string, unknown>) =>
  asksForHiddenEvidence((args.filter as { status?: EvidenceStatus[] | null } | null | undefined)?.status);

const refuse = (scope: Scope, extra: Partial<FieldRule> = {}): FieldRule => ({
  scope,
  otherwise: 'refuse',
  ...extra,
});
const person: FieldRule = { scope: 'admin', otherwise: 'hide', person: true, private: true };
const self: FieldRule = { private: true };

/** `Type.field` → its read rule. Fields not listed are readable by anyone who can reach them. */
export const FIELD_RULES = {
  // Admin-only lists, and the caller's own identity.
  'Query.users': refuse('admin', { private: true }),
  'Query.apiKeys': refuse('admin', { private: true }),
  'Query.auditLog': refuse('admin', { private: true }),
  'Query.webhooks': refuse('admin', { private: true }),
  'Query.webhook': refuse('admin', { private: true }),
  'Query.viewer': self,
  'Viewer.user': self,
  'Viewer.apiKey': self,
  // Pending and rejected evidence: only with read:drafts, wherever an evidence list is asked for.
  'Query.evidence': refuse('read:drafts', { when: evidenceFilterAsksForHidden }),
  'Project.evidence': refuse('read:drafts', { when: evidenceFilterAsksForHidden }),
  // Review details and people.
  'Evidence.reviewNote': { scope: 'read:drafts', otherwise: 'hide', private: true },
  'Evidence.submittedBy': person,
  'Evidence.reviewedBy': person,
  'Erratum.decidedBy': person,
  // Collection runs are operator state; provenance is public with its evidence, its run is not.
  'Query.collectionRuns': refuse('read:drafts', { private: true }),
  'Query.collectionRun': refuse('read:drafts', { private: true }),
  'EvidenceProvenance.run': { scope: 'read:drafts', otherwise: 'hide', private: true },
  // Raw upstream answers name people (commit authors and e-mails): staff only.
  'EvidenceProvenance.rawResponse': { scope: 'read:drafts', otherwise: 'hide', private: true },
  // Link health is public with its evidence; the reviewers' queue of broken links is not.
  'Query.brokenLinks': refuse('read:drafts', { private: true }),
  // The reviewers' triage list of disputes; one dispute and an edition's disputes are public.
  'Query.disputes': refuse('evidence:review', { private: true }),
  'ApiKey.owner': person,
  // Project contacts are personal data: editors manage them, nobody else reads them.
  'Project.contacts': refuse('evidence:write', { private: true }),
  'ProjectContact.addedBy': person,
  // A key's documents and usage: `admin`, or the key itself (its service checks which).
  'ApiKey.trustedDocuments': self,
  'ApiKey.usage': self,
  'SignInPayload.user': self,
  // Every mutation, with the scope its service checks.
  'Mutation.createApiKey': refuse('admin'),
  'Mutation.revokeApiKey': refuse('admin'),
  'Mutation.registerTrustedDocument': refuse('admin'),
  'Mutation.removeTrustedDocument': refuse('admin'),
  'Mutation.setApiKeyTrustedDocumentsOnly': refuse('admin'),
  'Mutation.importEvidence': refuse('evidence:write'),
  'Mutation.startCollection': refuse('evidence:write'),
  'Mutation.cancelCollection': refuse('evidence:write'),
  'Mutation.setProjectSources': refuse('evidence:write'),
  'Mutation.createEdition': refuse('editions:manage'),
  'Mutation.computeEdition': refuse('editions:manage'),
  'Mutation.publishEdition': refuse('editions:manage'),
  'Mutation.setEditionDoi': refuse('editions:manage'),
  'Mutation.submitEvidence': refuse('evidence:write'),
  'Mutation.reviewEvidence': refuse('evidence:review'),
  'Mutation.reviewEvidenceBatch': refuse('evidence:review'),
  'Mutation.uploadMethodology': refuse('editions:manage'),
  'Mutation.createOrganization': refuse('evidence:write'),
  'Mutation.updateOrganization': refuse('evidence:write'),
  'Mutation.createProject': refuse('evidence:write'),
  'Mutation.updateProject': refuse('evidence:write'),
  // Anyone may contest a value (a key needs `disputes:write`, checked by the service); a submitter
  // withdraws with the token of the submission, a reviewer without one (the service decides).
  'Mutation.submitDispute': {},
  'Mutation.withdrawDispute': {},
  'Mutation.acceptDispute': refuse('evidence:review'),
  'Mutation.rejectDispute': refuse('evidence:review'),
  'Mutation.openContestWindow': refuse('editions:manage'),
  'Mutation.setProjectContacts': refuse('evidence:write'),
  'Mutation.signIn': {},
  // Ends the caller's own session; the service refuses anyone without one.
  'Mutation.signOut': {},
  'Mutation.createUser': refuse('admin'),
  'Mutation.updateUser': refuse('admin'),
  'Mutation.createWebhook': refuse('admin'),
  'Mutation.updateWebhook': refuse('admin'),
  'Mutation.deleteWebhook': refuse('admin'),
  'Mutation.redeliverWebhookDelivery': refuse('admin'),
} satisfies Record<string, FieldRule>;

export type RuledField = keyof typeof FIELD_RULES;

export const ruleOf = (type: string, field: string): FieldRule | undefined =>
  (FIELD_RULES as Record<string, FieldRule>)[`${type}.${field}`];

/**
 * For resolvers of `hide` fields: whether the caller may read `field`; for a person field, whether
 * it may read the user `userId`. Marks the answer private when the field depends on who asks.
 */
export function mayRead(ctx: ServiceContext, field: RuledField, userId?: number | null): boolean {
  const rule: FieldRule = FIELD_RULES[field];
  if (rule.private) ctx.cache.mark('private');
  return allows(ctx.actor, rule, userId);
}

function allows(actor: Actor, rule: FieldRule, userId?: number | null): boolean {
  if (!rule.scope || hasScope(actor, rule.scope)) return true;
  return rule.person === true && actor.kind === 'user' && userId !== undefined && actor.userId === userId;
}

/** A field the caller may not read, found in a selection. */
export interface Refusal {
  /** Response keys from the root, e.g. `submitEvidence.project.evidence`. */
  path: string;
  /** `Type.field`. */
  field: string;
  scope: Scope;
}

export interface SelectionCheck {
  refusals: Refusal[];
  /** Whether a field that depends on who asks is selected. */
  private: boolean;
}

/**
 * Walks an operation's selection — through aliases, named and inline fragments, with `@skip` and
 * `@include` evaluated and arguments resolved from the (coerced) variables — and applies the table.
 */
export function checkSelection(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  actor: Actor,
): SelectionCheck {
  const result: SelectionCheck = { refusals: [], private: false };
  const root = schema.getRootType(operation.operation);
  if (!root) return result;

  const included = (node: Parameters<typeof getDirectiveValues>[1]) =>
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;

  const visit = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType,
    path: string,
    entered: readonly string[],
  ): void => {
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const key = `${path}${selection.alias?.value ?? name}`;
        for (const type of concreteTypes(schema, parent)) {
          const field: GraphQLField<unknown, unknown> | undefined = type.getFields()[name];
          if (!field) continue;
          const rule = ruleOf(type.name, name);
          if (rule) {
            if (rule.private) result.private = true;
            const applies = rule.when ? rule.when(getArgumentValues(field, selection, variables)) : true;
            if (rule.scope && rule.otherwise === 'refuse' && applies && !allows(actor, rule)) {
              result.refusals.push({ path: key, field: `${type.name}.${name}`, scope: rule.scope });
            }
          }
          const named = getNamedType(field.type);
          if (selection.selectionSet && isCompositeType(named))
            visit(selection.selectionSet, named, `${key}.`, entered);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        if (condition && isCompositeType(condition)) visit(selection.selectionSet, condition, path, entered);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        // Validation refuses fragment cycles; `entered` only keeps a bad document from looping.
        if (!fragment || entered.includes(name)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value);
        if (condition && isCompositeType(condition))
          visit(fragment.selectionSet, condition, path, [...entered, name]);
      }
    }
  };
  visit(operation.selectionSet, root, '', []);
  return result;
}

/** The object types a selection on `type` may meet. */
function concreteTypes(schema: GraphQLSchema, type: GraphQLCompositeType) {
  if (isObjectType(type)) return [type];
  return isAbstractType(type) ? schema.getPossibleTypes(type) : [];
}

/** The error for the first refused field (all of them in the message), with its HTTP status. */
export function refusalError(actor: Actor, refusals: readonly Refusal[]) {
  const [first] = refusals;
  const list = refusals.map((r) => `${r.path} (${r.field}) needs scope ${r.scope}`).join('; ');
  const error =
    actor.kind === 'anonymous'
      ? new AppError('UNAUTHENTICATED', `Sign in or use an API key: ${list}`, {
          ...(first ? { field: first.path } : {}),
        })
      : new AppError('FORBIDDEN', `Not allowed: ${list}`, { ...(first ? { field: first.path } : {}) });
  return toGraphQLError(error, { withHttpStatus: true });
}

/**
 * Applies the table once the operation is known, before any resolver runs: refuses the operation
 * when it selects a field the caller may not read, and marks the answer private when it selects a
 * field that depends on who asks.
 */
export function fieldRulesPlugin(): ApolloServerPlugin<GraphQLContext> {
  /**
   * The check of operations without variables, by the operation and the caller's scopes (all the
   * check reads of the caller): Apollo keeps each distinct document parsed, so a client repeating
   * one gets it checked once.
   */
  const checks = new WeakMap<OperationDefinitionNode, Map<string, ReturnType<typeof checkSelection>>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request, contextValue }) {
          if (!operation) return;
          const scopes = contextValue.actor.scopes.join(' ');
          const known = checks.get(operation)?.get(scopes);
          if (known) {
            if (known.private) contextValue.cache.mark('private');
            if (known.refusals.length > 0) throw refusalError(contextValue.actor, known.refusals);
            return;
          }
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions)
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          const coerced = getVariableValues(
            schema,
            operation.variableDefinitions ?? [],
            request.variables ?? {},
          );
          // Variables that do not coerce are refused by execution before any resolver runs.
          if (coerced.errors) return;
          const check = checkSelection(schema, operation, fragments, coerced.coerced, contextValue.actor);
          if (!operation.variableDefinitions?.length) {
            let byScopes = checks.get(operation);
            if (!byScopes) {
              byScopes = new Map();
              checks.set(operation, byScopes);
            }
            byScopes.set(scopes, check);
          }
          if (check.private) contextValue.cache.mark('private');
          if (check.refusals.length > 0) throw refusalError(contextValue.actor, check.refusals);
        },
      };
    },
  };
}
