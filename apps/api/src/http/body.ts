/**
 * Request bodies and plain JSON answers: the POST body read under a byte limit, parsed as one
 * GraphQL request (no batches), and the small JSON responses the HTTP layer sends itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Content types a GraphQL POST may carry (others need a CORS preflight: see the README, CSRF). */
export const JSON_TYPES = new Set(['application/json', 'application/graphql-response+json']);

/**
 * Bytes of a body over the limit that are read and thrown away before the 413 is sent: a socket
 * closed with unread data is reset, and the client, still sending, would lose the answer. A body
 * longer still gets its 413 at once and the connection is cut.
 */
export const DISCARD_LIMIT_BYTES = 8 * 1024 * 1024;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export const errorBody = (message: string, code: string) => ({
  errors: [{ message, extensions: { code } }],
});

export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit + DISCARD_LIMIT_BYTES) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      if (size > limit + DISCARD_LIMIT_BYTES) reject(new BodyTooLargeError());
    });
    req.on('end', () =>
      tooLarge ? reject(new BodyTooLargeError()) : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

/**
 * The parsed JSON body of a GraphQL POST, or `undefined` once a refusal has been sent: 415 without
 * a JSON content type, 413 over `limit` bytes, 400 for invalid JSON or a batch.
 */
export async function readGraphQLBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<{ body: unknown } | undefined> {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!JSON_TYPES.has(contentType)) {
    sendJson(
      res,
      415,
      errorBody('POST requests need Content-Type: application/json', 'UNSUPPORTED_MEDIA_TYPE'),
    );
    return undefined;
  }
  let text: string;
  try {
    text = await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      sendJson(res, 413, errorBody('Request body too large', 'PAYLOAD_TOO_LARGE'), { connection: 'close' });
      return undefined;
    }
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    sendJson(res, 400, errorBody('The request body is not valid JSON', 'BAD_REQUEST'));
    return undefined;
  }
  if (Array.isArray(body)) {
    sendJson(res, 400, errorBody('Batched requests are not supported', 'BAD_REQUEST'));
    return undefined;
  }
  return { body };
}
