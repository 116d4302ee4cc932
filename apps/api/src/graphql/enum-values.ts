/** GraphQL enum resolvers: the upper-case GraphQL value of each database value (`draft` ↔ `DRAFT`). */
export const upper = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as { [K in T as Uppercase<K>]: K };
