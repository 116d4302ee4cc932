/**
 * Cursor connections. Cursors are opaque: base64url of the item's offset in the ordered list for
 * lists that are immutable (published results) or small; of the item's key for keyset pages
 * (`keysetWindow`), where a page is `key > after` (or `<`) in the index's order, so page 1,000
 * costs what page 1 does and rows added meanwhile never shift a page.
 */
import { AppError } from '../errors';

export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

/**
 * The SQL window of a page. Stores fetch `limit + 1` rows: the extra row only tells `toConnection`
 * that a next page exists, so no page has to count the whole list.
 */
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
  /**
   * Counts the whole list; `totalCount` resolves through it (connectionResolvers), so the count
   * runs only when selected: counting a million evidence rows costs more than reading a page.
   */
  countAll: () => number | Promise<number>;
}

/** Resolvers every connection type shares. */
export const connectionResolvers = {
  totalCount: (connection: Connection<unknown>) => connection.countAll(),
};

export const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

/** An edge whose cursor is encoded when read: most pages select only the page's `endCursor`. */
class OffsetEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly offset: number,
  ) {}

  get cursor(): string {
    return encodeCursor(this.offset);
  }
}

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

/**
 * Builds a connection from the rows a store read for `window` (up to `limit + 1`; the extra one
 * only sets `hasNextPage`) and the list's size, or a function counting it when asked (at most once).
 */
export function toConnection<T>(
  rows: readonly T[],
  window: PageWindow,
  count: number | (() => Promise<number>),
): Connection<T> {
  const edges = rows.slice(0, window.limit).map((node, i) => new OffsetEdge(node, window.offset + i));
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > window.limit,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    countAll: typeof count === 'number' ? () => count : () => (counted ??= count()),
  };
}

/** Slices an in-memory ordered list into a connection. */
export function paginateArray<T>(items: readonly T[], args: PageArgs, defaultFirst = 20): Connection<T> {
  const window = pageWindow(args, defaultFirst);
  return toConnection(items.slice(window.offset, window.offset + window.limit + 1), window, items.length);
}

/** The window of a keyset page: `limit` rows (stores fetch `limit + 1`) after the row with key `after`. */
export interface KeysetWindow {
  limit: number;
  after: number | null;
}

const encodeKeyCursor = (key: number) => Buffer.from(`k:${key}`).toString('base64url');

/** A keyset page's edge, its cursor encoded when read (as OffsetEdge). */
class KeyEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly key: number,
  ) {}

  get cursor(): string {
    return encodeKeyCursor(this.key);
  }
}

function decodeKeyCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^k:(\d{1,15})$/.exec(text);
  const key = Number(match?.[1]);
  if (!match || !Number.isSafeInteger(key)) {
    throw new AppError('BAD_USER_INPUT', 'Invalid cursor: pass an endCursor or cursor of this list', {
      field: 'after',
    });
  }
  return key;
}

/** Validates `first` (0…100) and a keyset `after`. */
export function keysetWindow(args: PageArgs, defaultFirst = 20): KeysetWindow {
  const { limit } = pageWindow({ first: args.first }, defaultFirst);
  return { limit, after: args.after ? decodeKeyCursor(args.after) : null };
}

/** A keyset page from the rows a store read for `window` (up to `limit + 1`), keyed by `keyOf`. */
export function toKeysetConnection<T>(
  rows: readonly T[],
  window: KeysetWindow,
  keyOf: (row: T) => number,
  count: number | (() => Promise<number>),
): Connection<T> {
  const edges = rows.slice(0, window.limit).map((node) => new KeyEdge(node, keyOf(node)));
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > window.limit,
      hasPreviousPage: window.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    countAll: typeof count === 'number' ? () => count : () => (counted ??= count()),
  };
}
