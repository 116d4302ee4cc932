/** Shapes shared by several API modules (see apps/api/src/modules/common/schema.graphql). */
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<TNode> {
  edges: { cursor: string; node: TNode }[];
  pageInfo: PageInfo;
  totalCount: number;
}

export type Category = 'DATA' | 'MODEL' | 'SYSTEM' | 'EVALUATION';
export const CATEGORIES: readonly Category[] = ['DATA', 'MODEL', 'SYSTEM', 'EVALUATION'];

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

export const PAGE_INFO = 'pageInfo { hasNextPage endCursor } totalCount';

export interface NamedRef {
  slug: string;
  name: string;
  nameZh: string | null;
}

export interface UserRef {
  id: string;
  name: string;
  email: string;
}
