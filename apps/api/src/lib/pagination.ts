/**
 * Cursor connections. Cursors are opaque (base64url of the item's offset in the ordered list):
 * ordered lists here are either immutable (published results) or ordered by a stable key.
 */
import { AppError } from '../errors';

export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

export interface PageWindow {
  limit: number;
  offset: number;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number;
}

export const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^o:(\d{1,9})$/.exec(text);
  if (!match?.[1]) throw new AppError('BAD_USER_INPUT', 'Invalid cursor', { field: 'after' });
  return Number(match[1]);
}

/** Validates `first` (0…100) and `after`, returning the SQL window. */
export function pageWindow(args: PageArgs, defaultFirst = 20): PageWindow {
  const first = args.first ?? defaultFirst;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new AppError('BAD_USER_INPUT', `first must be between 0 and ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { limit: first, offset };
}

/** Builds a connection from one page of items (already limited) and the total count. */
export function toConnection<T>(items: readonly T[], window: PageWindow, totalCount: number): Connection<T> {
  const edges = items.map((node, i) => ({ cursor: encodeCursor(window.offset + i), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: window.offset + items.length < totalCount,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}

/** Slices an in-memory ordered list into a connection. */
export function paginateArray<T>(items: readonly T[], args: PageArgs, defaultFirst = 20): Connection<T> {
  const window = pageWindow(args, defaultFirst);
  return toConnection(items.slice(window.offset, window.offset + window.limit), window, items.length);
}
