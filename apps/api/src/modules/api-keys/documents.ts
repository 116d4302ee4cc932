/**
 * Trusted documents: a key may be limited to the documents registered for it, each found by the
 * SHA-256 (hex) of its exact text, the id automatic persisted queries send
 * (`extensions.persistedQuery.sha256Hash`). The HTTP layer asks `trustedDocumentCheck` before Apollo
 * runs: a limited key's document (or hash) that is not registered is refused with
 * OPERATION_NOT_TRUSTED (403), and a registered hash sent alone is answered with its document, for
 * limited and open keys alike, whatever Apollo's APQ cache holds.
 */
import { createHash } from 'node:crypto';
import { buildASTSchema, GraphQLError, type GraphQLSchema, Kind, parse, validate } from 'graphql';
import { type Actor, requireScope } from '../../auth/actor';
import type { AppDeps, ServiceContext } from '../../context';
import { AppError, badInput, notFound } from '../../errors';
import { loadTypeDefs } from '../../graphql/type-defs';
import { inTransaction } from '../../lib/transaction';
import { requireId } from '../../lib/validate';
import { recordAudit } from '../audit/service';
import {
  type ApiKeyRow,
  deleteTrustedDocument,
  findApiKeyForUpdate,
  findTrustedDocument,
  insertTrustedDocument,
  listTrustedDocuments as listTrustedDocumentRows,
  setTrustedDocumentsOnly as setTrustedDocumentsOnlyRow,
  type TrustedDocumentRow,
} from './store';

/** The longest document text registered (characters). */
export const MAX_TRUSTED_DOCUMENT_LENGTH = 100_000;
/** Documents per key. */
export const MAX_TRUSTED_DOCUMENTS_PER_KEY = 500;

const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** The id of a document: SHA-256 of its exact text, lower-case hex (as Apollo's APQ computes it). */
export const documentHash = (text: string) => createHash('sha256').update(text).digest('hex');

let typeSchema: GraphQLSchema | undefined;

/**
 * The names of the document's operations; BAD_USER_INPUT with line and column when it is not a
 * document the API would run (syntax, validation against the schema).
 */
function operationNamesOf(text: string): string[] {
  let document: ReturnType<typeof parse>;
  try {
    document = parse(text, { maxTokens: 5_000 });
  } catch (error) {
    throw badInput('document', error instanceof GraphQLError ? located(error) : 'Not a GraphQL document');
  }
  typeSchema ??= buildASTSchema(loadTypeDefs());
  const [problem] = validate(typeSchema, document, undefined, { maxErrors: 1 });
  if (problem) throw badInput('document', located(problem));
  const names = document.definitions.flatMap((d) =>
    d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : [],
  );
  return names;
}

const located = (error: GraphQLError) => {
  const at = error.locations?.[0];
  return at ? `line ${at.line}, column ${at.column}: ${error.message}` : error.message;
};

async function lockKey(tx: Parameters<typeof findApiKeyForUpdate>[0], id: number): Promise<ApiKeyRow> {
  const key = await findApiKeyForUpdate(tx, id);
  if (!key) throw notFound('API key');
  return key;
}

export async function registerTrustedDocument(
  ctx: ServiceContext,
  input: { apiKeyId: string | number; document: string; name?: string | null | undefined },
): Promise<TrustedDocumentRow> {
  requireScope(ctx.actor, 'admin');
  const apiKeyId = requireId('apiKeyId', input.apiKeyId);
  if (input.document.length > MAX_TRUSTED_DOCUMENT_LENGTH)
    throw badInput('document', `At most ${MAX_TRUSTED_DOCUMENT_LENGTH} characters`);
  if (input.document.trim() === '') throw badInput('document', 'The document is empty');
  const names = operationNamesOf(input.document);
  const name = (input.name ?? '').trim() || names.join(', ');
  if (name.length > 200) throw badInput('name', 'At most 200 characters');
  const hash = documentHash(input.document);
  return inTransaction(ctx, async (tx) => {
    await lockKey(tx, apiKeyId);
    const existing = await listTrustedDocumentRows(tx, apiKeyId);
    if (existing.some((d) => d.hash === hash))
      throw new AppError('CONFLICT', 'The key already has this document', { details: { hash } });
    if (existing.length >= MAX_TRUSTED_DOCUMENTS_PER_KEY)
      throw badInput('document', `A key has at most ${MAX_TRUSTED_DOCUMENTS_PER_KEY} documents`);
    const row = await insertTrustedDocument(tx, { apiKeyId, hash, name, document: input.document });
    if (!row) throw new AppError('CONFLICT', 'The key already has this document', { details: { hash } });
    await recordAudit(tx, ctx, {
      action: 'api_key.document.register',
      entityType: 'api_key',
      entityId: apiKeyId,
      after: { hash, name },
    });
    return row;
  });
}

export async function removeTrustedDocument(
  ctx: ServiceContext,
  apiKeyIdArg: string | number,
  hashArg: string,
): Promise<TrustedDocumentRow> {
  requireScope(ctx.actor, 'admin');
  const apiKeyId = requireId('apiKeyId', apiKeyIdArg);
  const hash = hashArg.trim().toLowerCase();
  if (!HASH_PATTERN.test(hash)) throw badInput('hash', 'A SHA-256 in hex (64 characters)');
  return inTransaction(ctx, async (tx) => {
    await lockKey(tx, apiKeyId);
    const row = await deleteTrustedDocument(tx, apiKeyId, hash);
    if (!row) throw notFound('Trusted document');
    await recordAudit(tx, ctx, {
      action: 'api_key.document.remove',
      entityType: 'api_key',
      entityId: apiKeyId,
      before: { hash, name: row.name },
    });
    return row;
  });
}

export async function setTrustedDocumentsOnly(
  ctx: ServiceContext,
  idArg: string | number,
  only: boolean,
): Promise<ApiKeyRow> {
  requireScope(ctx.actor, 'admin');
  const id = requireId('id', idArg);
  return inTransaction(ctx, async (tx) => {
    const before = await lockKey(tx, id);
    const row = await setTrustedDocumentsOnlyRow(tx, id, only);
    if (before.trustedDocumentsOnly !== only)
      await recordAudit(tx, ctx, {
        action: 'api_key.trusted_documents_only',
        entityType: 'api_key',
        entityId: id,
        before: { trustedDocumentsOnly: before.trustedDocumentsOnly },
        after: { trustedDocumentsOnly: only },
      });
    return row;
  });
}

/** A key's documents: for `admin`, or for the key itself. */
export async function listTrustedDocuments(
  ctx: ServiceContext,
  apiKeyId: number,
): Promise<TrustedDocumentRow[]> {
  requireOwnKeyOrAdmin(ctx.actor, apiKeyId);
  ctx.cache.mark('private');
  return listTrustedDocumentRows(ctx.db, apiKeyId);
}

/** What a key may read about itself (usage, documents): `admin`, or the key itself. */
export function requireOwnKeyOrAdmin(actor: Actor, apiKeyId: number): void {
  if (actor.kind === 'api_key' && actor.apiKeyId === apiKeyId) return;
  requireScope(actor, 'admin');
}

/** What the HTTP layer learns: the document to run for a hash sent alone, or a refusal. */
export type TrustedDocumentCheck = { document?: string; refusal?: AppError };

/**
 * For an API key's request (`query` and/or the APQ `hash`): a registered document found by a hash
 * sent alone (run as if sent), and for a key limited to its documents, OPERATION_NOT_TRUSTED when
 * the document is not registered. Other callers: nothing to do, no database read.
 */
export async function trustedDocumentCheck(
  deps: AppDeps,
  actor: Actor,
  request: { query?: string | undefined; hash?: string | undefined },
): Promise<TrustedDocumentCheck> {
  if (actor.kind !== 'api_key') return {};
  const limited = actor.trustedDocumentsOnly === true;
  const hash = request.query !== undefined ? documentHash(request.query) : request.hash?.toLowerCase();
  if (hash === undefined || !HASH_PATTERN.test(hash)) {
    return limited ? { refusal: notTrusted() } : {};
  }
  // Open keys only need the lookup for a hash sent alone (Apollo's cache may not have it).
  if (!limited && request.query !== undefined) return {};
  const row = await findTrustedDocument(deps.db, actor.apiKeyId, hash);
  if (!row) return limited ? { refusal: notTrusted() } : {};
  return request.query === undefined ? { document: row.document } : {};
}

const notTrusted = () =>
  new AppError(
    'OPERATION_NOT_TRUSTED',
    'This API key may only run its registered documents; this one is not registered for it',
  );
