/**
 * The deprecated fields (and enum values) a validated document reads, found once per document by a
 * visitor with TypeInfo and kept by the document's hash, so counting them per request (API key usage,
 * modules/api-keys/usage.ts) costs a map lookup.
 */
import { type DocumentNode, type GraphQLSchema, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Documents whose answer is kept (clients send few distinct ones). */
export const DEPRECATED_FIELDS_CACHE_SIZE = 1_000;

/** `Type.field` of each deprecated field and `Enum.VALUE` of each deprecated enum value, once each, sorted. */
export function deprecatedFieldsOf(schema: GraphQLSchema, document: DocumentNode): string[] {
  const found = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (field?.deprecationReason != null && parent) found.add(`${parent.name}.${field.name}`);
      },
      EnumValue() {
        const value = typeInfo.getEnumValue();
        const type = typeInfo.getInputType();
        if (value?.deprecationReason != null && type && 'name' in type)
          found.add(`${type.name}.${value.name}`);
      },
    }),
  );
  return [...found].sort();
}

export class DeprecatedFieldsCache {
  readonly #cache = new LRUCache<string, readonly string[]>({ max: DEPRECATED_FIELDS_CACHE_SIZE });

  constructor(private readonly schema: GraphQLSchema) {}

  get(queryHash: string, document: DocumentNode): readonly string[] {
    let fields = this.#cache.get(queryHash);
    if (!fields) {
      fields = deprecatedFieldsOf(this.schema, document);
      this.#cache.set(queryHash, fields);
    }
    return fields;
  }
}
