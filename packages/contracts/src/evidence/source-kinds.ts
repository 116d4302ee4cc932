/** Where an evidence value comes from (docs/data-model.md). The database's check constraint is written from this list. */
export const SOURCE_KINDS = ['github', 'huggingface', 'pypi', 'paper', 'website', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export function isSourceKind(value: unknown): value is SourceKind {
  return typeof value === 'string' && (SOURCE_KINDS as readonly string[]).includes(value);
}
