/**
 * A tiny typed GraphQL-over-HTTP client for the API (ARCHITECTURE.md: the admin app talks to the API only
 * this way). Signed-in requests carry a freshly minted bearer token; public pages call anonymously.
 */
import 'server-only';
import { headers as incomingHeaders } from 'next/headers';
import type { TypedDocumentString } from '@/graphql/generated/graphql';
import { type ErrorCode, errorCodeOf } from '@/lib/api-error-code';
import { apiErrorDigest } from '@/lib/api-error-digest';
import { mintApiToken } from './api-token';
import { browserAddress, signedAddressHeaders } from './client-address';
import { env } from './env';
import type { SessionUser } from './session-user';

export type { ErrorCode } from '@/lib/api-error-code';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | null;
  /** What a page's error.tsx receives in place of the message (src/lib/api-error-digest.ts). */
  readonly digest: string;
  constructor(code: ErrorCode, message: string, field: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
    this.digest = apiErrorDigest(code, message);
  }
}

interface GraphQLErrorShape {
  message?: unknown;
  extensions?: { code?: unknown; field?: unknown };
}

interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: GraphQLErrorShape[];
}

function toApiError(error: GraphQLErrorShape | undefined): ApiError {
  const code = errorCodeOf(error?.extensions?.code);
  const field = typeof error?.extensions?.field === 'string' ? error.extensions.field : null;
  const message = typeof error?.message === 'string' ? error.message : 'The API returned an error.';
  return new ApiError(code, message, field);
}

export interface RequestOptions {
  /** The signed-in person; omitted for anonymous (public) requests. */
  user?: SessionUser | null;
  /** Extra request headers (the signed browser address on sign-in). */
  headers?: Record<string, string>;
  /**
   * A project contact's contest token (from the signed link of a CONTACTS contest window): sent as
   * `X-Contest-Token`, so the API shows that draft edition and takes that project's disputes.
   */
  contestToken?: string | undefined;
}

/**
 * Sends one operation (a document from `graphql(...)`, typed by `npm run codegen`); returns `data` or
 * throws the first error as an ApiError.
 */
export async function request<TData, TVariables extends object>(
  document: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
  options: RequestOptions = {},
): Promise<TData> {
  const headers: Record<string, string> = {
    ...options.headers,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  if (options.user) headers.authorization = `Bearer ${await mintApiToken(options.user)}`;
  else if (!options.headers) Object.assign(headers, await browserAddressHeaders());
  if (options.contestToken) headers['x-contest-token'] = options.contestToken;
  const body = requestBody(document, variables);
  const bytes = Buffer.byteLength(body);
  // The API would answer 413; saying so here names the sizes and spares sending the body.
  if (bytes > env.apiBodyLimitBytes)
    throw new ApiError(
      'PAYLOAD_TOO_LARGE',
      `The request is ${bytes} bytes; the API accepts at most ${env.apiBodyLimitBytes}.`,
    );
  let response: Response;
  try {
    response = await fetch(env.apiUrl, { method: 'POST', headers, body, cache: 'no-store' });
  } catch (error) {
    console.error(
      `admin: API request to ${env.apiUrl} failed:`,
      error instanceof Error ? (error.cause ?? error.message) : error,
    );
    throw new ApiError('API_UNAVAILABLE', `The API at ${env.apiUrl} is not reachable.`);
  }
  let answer: GraphQLResponse<TData>;
  try {
    answer = (await response.json()) as GraphQLResponse<TData>;
  } catch {
    console.error(`admin: the API answered ${response.status} without a GraphQL response`);
    throw new ApiError('API_UNAVAILABLE', `The API answered ${response.status} without a GraphQL response.`);
  }
  if (answer.errors && answer.errors.length > 0) throw toApiError(answer.errors[0]);
  if (answer.data == null) throw new ApiError('INTERNAL_SERVER_ERROR', 'The API returned no data.');
  return answer.data;
}

/**
 * Anonymous (public page) requests carry the browser's signed address, so the API's per-address
 * limit for anonymous callers counts each browser, not this server's one address for all of them.
 * Outside a request (nothing to forward) the request goes without it.
 */
async function browserAddressHeaders(): Promise<Record<string, string>> {
  let incoming: Headers;
  try {
    incoming = await incomingHeaders();
  } catch {
    return {};
  }
  return signedAddressHeaders(
    browserAddress({ 'x-forwarded-for': incoming.get('x-forwarded-for') ?? undefined }),
  );
}

/** The JSON body `request` sends: its length is what the API's body limit counts. */
export function requestBody<TVariables extends object>(
  document: TypedDocumentString<unknown, TVariables>,
  variables: TVariables,
): string {
  return JSON.stringify({ query: document.toString(), variables });
}
