/**
 * The values of a GraphQL enum (a string union generated from the API's SDL, src/graphql/generated/),
 * in the order the interface lists them, checked complete at compile time: when the SDL adds a value,
 * the list fails the typecheck naming it, instead of a form or filter silently lacking it.
 *
 * @example
 *   const CATEGORIES = enumValues<Category>()('DATA', 'MODEL', 'SYSTEM', 'EVALUATION');
 */
export function enumValues<T extends string>() {
  return <const V extends readonly T[]>(
    ...values: V & ([Exclude<T, V[number]>] extends [never] ? unknown : { missing: Exclude<T, V[number]> })
  ): readonly T[] => values;
}
