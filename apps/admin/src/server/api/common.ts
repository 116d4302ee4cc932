/**
 * Shapes shared by several API modules (see apps/api/src/modules/common/schema.graphql). The operations'
 * result types are generated from the API's SDL (src/graphql/generated/, `npm run codegen`).
 */
import type { Category } from '@/graphql/generated/graphql';
import { enumValues } from '@/lib/enum-values';

export type { Category } from '@/graphql/generated/graphql';

export const CATEGORIES = enumValues<Category>()('DATA', 'MODEL', 'SYSTEM', 'EVALUATION');

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}
