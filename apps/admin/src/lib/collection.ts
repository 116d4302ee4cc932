/** What the collection pages and their live parts share (client and server). */
import type { CollectionRunStatus, SourceIdentifierKind } from '@/graphql/generated/graphql';
import { enumValues } from './enum-values';

/** The collectors `startCollection` accepts (apps/api: COLLECTOR_SOURCES of @ranking/collectors). */
export const COLLECTOR_SOURCES = ['github', 'huggingface', 'pypi', 'openalex', 'depsdev'] as const;

/** The kinds of a project's source identifiers, in the order the Sources form offers them. */
export const SOURCE_KINDS = enumValues<SourceIdentifierKind>()(
  'GITHUB',
  'HUGGINGFACE_MODEL',
  'HUGGINGFACE_DATASET',
  'HUGGINGFACE_COLLECTION',
  'PYPI',
  'DOI',
  'ARXIV',
);

export const isSourceKind = (value: unknown): value is SourceIdentifierKind =>
  typeof value === 'string' && (SOURCE_KINDS as readonly string[]).includes(value);

/** What each kind's identifier looks like (the Sources form's placeholders). */
export const SOURCE_PLACEHOLDERS: Record<SourceIdentifierKind, string> = {
  GITHUB: 'OWNER/REPO',
  HUGGINGFACE_MODEL: 'ORG/NAME',
  HUGGINGFACE_DATASET: 'ORG/NAME',
  HUGGINGFACE_COLLECTION: 'NAMESPACE/SLUG-ID',
  PYPI: 'package-name',
  DOI: '10.xxxx/…',
  ARXIV: '2307.09288',
};

/** A run still going: its page polls it. */
export const isActive = (status: CollectionRunStatus) => status === 'QUEUED' || status === 'RUNNING';

/** How often a live island asks for a going run's progress. */
export const POLL_MS = 2000;

/** Where an identifier of a project's sources lives upstream, for people (null when unknown). */
export function sourcePage(kind: string, identifier: string): string | null {
  switch (kind) {
    case 'GITHUB':
      return `https://github.com/${identifier}`;
    case 'HUGGINGFACE_MODEL':
      return `https://huggingface.co/${identifier}`;
    case 'HUGGINGFACE_DATASET':
      return `https://huggingface.co/datasets/${identifier}`;
    case 'HUGGINGFACE_COLLECTION':
      return `https://huggingface.co/collections/${identifier}`;
    case 'PYPI':
      return `https://pypi.org/project/${identifier}/`;
    case 'DOI':
      return `https://doi.org/${identifier}`;
    case 'ARXIV':
      return `https://arxiv.org/abs/${identifier}`;
    default:
      return null;
  }
}
