/**
 * The citable side of an edition export: `datapackage.json` (a Frictionless Tabular Data Package v1
 * describing every CSV with a Table Schema), `CITATION.cff` (Citation File Format 1.2.0) and a
 * `README.md` rendered from the edition's metadata. All three are derived from the export's other
 * files and the manifest data, so they are listed in manifest.json and verified like the rest.
 *
 * The edition's DOI, when the publisher has set one (`setEditionDoi`), is in all three: the package's
 * `id` (as `https://doi.org/DOI`, the form the Data Package spec gives for a DOI), `doi` and an
 * `identifiers` entry of type `doi` in CITATION.cff, and the preferred citation of README.md. The DOI is
 * no part of the content hash, so setting it changes these three files (and so manifest.json), never
 * the data files; the content hash stays in each (`contentHash` in datapackage.json).
 */
import { SOURCE_KINDS } from '@ranking/schema';

/** The licence the published data is offered under (declared in datapackage.json and CITATION.cff). */
export const DATA_LICENSE = {
  name: 'CC-BY-4.0',
  path: 'https://creativecommons.org/licenses/by/4.0/',
} as const;
export const PUBLISHER = 'Open-Source Influence Ranking Platform';

export interface TableField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'date' | 'datetime' | 'boolean';
  description: string;
  unit?: string;
  format?: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: {
    required?: boolean;
    unique?: boolean;
    minimum?: number;
    maximum?: number;
    pattern?: string;
    enum?: string[];
  };
}

export interface TableSchema {
  fields: TableField[];
  primaryKey?: string[];
  foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  missingValues: string[];
}

const required = { required: true } as const;
const projectRef = {
  fields: ['project'],
  reference: { resource: 'projects', fields: ['project'] },
};
const edition: TableField[] = [
  { name: 'year', type: 'integer', description: 'Edition year.', constraints: required },
  {
    name: 'revision',
    type: 'integer',
    description: 'Edition revision (1, then corrections).',
    constraints: required,
  },
];
const dimension: TableField = {
  name: 'dimension',
  type: 'string',
  description: 'Dimension key of the methodology (methodology.json).',
  constraints: required,
};
const project: TableField = {
  name: 'project',
  type: 'string',
  description: 'Project slug (projects.csv).',
  constraints: required,
};
const indicatorValues: TableField[] = [
  {
    name: 'indicator',
    type: 'string',
    description: 'Indicator key (methodology.json).',
    constraints: required,
  },
  {
    name: 'raw',
    type: 'number',
    description: "The indicator's value before normalisation; empty when imputed as missing.",
    unit: "the indicator's unit (methodology.json)",
  },
  {
    name: 'normalized',
    type: 'number',
    description: 'The value after normalisation; empty when no value entered the score.',
    unit: "the score's scale",
  },
  {
    name: 'contribution',
    type: 'number',
    description: "The value's weighted part of the score; the contributions of an entry add up to its score.",
    unit: "the score's scale",
    constraints: required,
  },
];
const rankField: TableField = {
  name: 'rank',
  type: 'integer',
  description: 'Competition rank in the dimension (1, 2, 2, 4).',
  constraints: { required: true, minimum: 1 },
};
const scoreField: TableField = {
  name: 'score',
  type: 'number',
  description: "Score in the dimension on the methodology's scale.",
  unit: "the methodology's score scale",
  constraints: required,
};

/** An empty cell is a missing value: no value, no date, no organization (see each field). */
const EMPTY_IS_MISSING = [''];

/** The Table Schema of each CSV of the export. */
export const TABLE_SCHEMAS: Record<string, TableSchema> = {
  'projects.csv': {
    fields: [
      { ...project, description: 'Project slug.', constraints: { required: true, unique: true } },
      {
        name: 'name',
        type: 'string',
        description: 'Project name when the edition was computed.',
        constraints: required,
      },
      {
        name: 'category',
        type: 'string',
        description: 'Project category (its dimension).',
        constraints: required,
      },
      { name: 'organization', type: 'string', description: 'Primary organization slug; empty when none.' },
      {
        name: 'country',
        type: 'string',
        description: "ISO 3166-1 alpha-2 code of the primary organization's country; empty when unknown.",
      },
    ],
    primaryKey: ['project'],
    missingValues: EMPTY_IS_MISSING,
  },
  'evidence.csv': {
    fields: [
      {
        name: 'id',
        type: 'integer',
        description: 'Evidence record id.',
        constraints: { required: true, unique: true },
      },
      project,
      {
        name: 'indicator',
        type: 'string',
        description: 'Indicator key (methodology.json).',
        constraints: required,
      },
      {
        name: 'value',
        type: 'number',
        description: 'The observed value.',
        unit: "the indicator's unit (methodology.json)",
        constraints: required,
      },
      {
        name: 'observed_at',
        type: 'date',
        description: 'Date the value was observed (YYYY-MM-DD).',
        constraints: required,
      },
      {
        name: 'source_url',
        type: 'string',
        description: 'Public link the value can be checked at.',
        constraints: required,
      },
      {
        name: 'retrieved_at',
        type: 'datetime',
        description: 'When the value was retrieved (UTC); empty when unknown.',
      },
      {
        name: 'source_kind',
        type: 'string',
        description: 'Kind of source.',
        constraints: { required: true, enum: [...SOURCE_KINDS] },
      },
      {
        name: 'is_illustrative',
        type: 'boolean',
        description: 'A demo value that was not measured.',
        trueValues: ['true'],
        falseValues: ['false'],
        constraints: required,
      },
      {
        name: 'archived_url',
        type: 'string',
        description:
          'A Wayback Machine copy of the source recorded by the link checks (for a published edition: recorded before its publication); empty when none.',
      },
    ],
    primaryKey: ['id'],
    foreignKeys: [projectRef],
    missingValues: EMPTY_IS_MISSING,
  },
  'results.csv': {
    fields: [dimension, project, rankField, scoreField, ...indicatorValues],
    primaryKey: ['dimension', 'project', 'indicator'],
    foreignKeys: [projectRef],
    missingValues: EMPTY_IS_MISSING,
  },
  'indicator_scores.csv': {
    fields: [
      ...edition,
      dimension,
      project,
      ...indicatorValues,
      {
        name: 'imputed',
        type: 'boolean',
        description:
          'No evidence value entered (none, or only stale evidence that was dropped): the missing-value rule set the normalised value. An imputed 0 is no data, not a measured 0.',
        trueValues: ['true'],
        falseValues: ['false'],
        constraints: required,
      },
      {
        name: 'stale',
        type: 'boolean',
        description:
          "The evidence is older than the indicator's freshness window before the cutoff (used and flagged, or dropped and so imputed); false without a window.",
        trueValues: ['true'],
        falseValues: ['false'],
        constraints: required,
      },
      {
        name: 'age_days',
        type: 'integer',
        description:
          'Days from the observed date of the oldest evidence behind the value to the cutoff; empty when imputed.',
        unit: 'days',
        constraints: { minimum: 0 },
      },
    ],
    primaryKey: ['dimension', 'project', 'indicator'],
    foreignKeys: [projectRef],
    missingValues: EMPTY_IS_MISSING,
  },
  'rank_intervals.csv': {
    fields: [
      ...edition,
      dimension,
      project,
      rankField,
      {
        name: 'median_rank',
        type: 'number',
        description: 'Median rank over the weight perturbations.',
        constraints: required,
      },
      { name: 'p05_rank', type: 'number', description: '5th percentile of the rank.', constraints: required },
      {
        name: 'p95_rank',
        type: 'number',
        description: '95th percentile of the rank.',
        constraints: required,
      },
    ],
    primaryKey: ['dimension', 'project'],
    foreignKeys: [projectRef],
    missingValues: EMPTY_IS_MISSING,
  },
  'region_shares.csv': {
    fields: [
      ...edition,
      {
        name: 'dimension',
        type: 'string',
        description: 'Dimension key; empty for the shares over all dimensions.',
      },
      {
        name: 'region',
        type: 'string',
        description: "ISO 3166-1 alpha-2 code of the primary organization's country, or `unknown`.",
        constraints: required,
      },
      {
        name: 'share',
        type: 'number',
        description:
          "Σ scores of the region's projects ÷ Σ all scores in the dimension; over all dimensions (empty dimension) by the methodology's share rule (the mean of the dimension shares unless the methodology's `shares.across_dimensions` says otherwise).",
        unit: 'fraction (0–1)',
        constraints: { required: true, minimum: 0, maximum: 1 },
      },
      {
        name: 'projects',
        type: 'integer',
        description: "Number of the region's ranked projects (over all dimensions each counts once).",
        constraints: { required: true, minimum: 0 },
      },
      { ...scoreField, description: "Σ scores of the region's entries." },
      {
        name: 'label',
        type: 'string',
        description:
          'The region\'s English name: the country\'s name, or "International communities" for `unknown`.',
        constraints: required,
      },
    ],
    primaryKey: ['dimension', 'region'],
    // An empty dimension is a value here (all dimensions), not a missing one.
    missingValues: [],
  },
  'errata.csv': {
    fields: [
      ...edition,
      {
        name: 'corrected_revision',
        type: 'integer',
        description: 'The revision the correction applies to (the previous published revision of the year).',
        constraints: { required: true, minimum: 1 },
      },
      project,
      {
        name: 'indicator',
        type: 'string',
        description: 'Indicator key of the corrected value (methodology.json).',
        constraints: required,
      },
      dimension,
      {
        name: 'old_value',
        type: 'number',
        description: 'The value in the corrected revision; empty when it had none.',
      },
      {
        name: 'new_value',
        type: 'number',
        description: 'The value in this revision; empty when it has none.',
      },
      {
        name: 'old_score',
        type: 'number',
        description: 'Score in the dimension before; empty when not ranked.',
      },
      { name: 'new_score', type: 'number', description: 'Score in the dimension after.' },
      {
        name: 'old_rank',
        type: 'integer',
        description: 'Rank in the dimension before; empty when not ranked.',
      },
      { name: 'new_rank', type: 'integer', description: 'Rank in the dimension after.' },
      {
        name: 'cause',
        type: 'string',
        description: 'Why: dispute, collection_error or methodology_error; empty when none was recorded.',
        constraints: { enum: ['dispute', 'collection_error', 'methodology_error'] },
      },
      {
        name: 'dispute_id',
        type: 'integer',
        description: 'The dispute behind a dispute correction, when linked.',
      },
      {
        name: 'decided_at',
        type: 'datetime',
        description: 'When the correction was published (ISO 8601, UTC); empty while unpublished.',
      },
      {
        name: 'recorded_at',
        type: 'datetime',
        description: 'When the platform recorded the erratum (ISO 8601, UTC).',
        constraints: required,
      },
    ],
    primaryKey: ['revision', 'project', 'indicator', 'dimension'],
    missingValues: EMPTY_IS_MISSING,
  },
};

export interface PackageEdition {
  year: number;
  revision: number;
  title: string;
  status: string;
  publishedAt: string | null;
  methodology: { id: string; version: string };
  cutoff: string;
  contentHash: string;
  /** The DOI (`10.REGISTRANT/SUFFIX`), or null. */
  doi: string | null;
  counts: Record<string, number>;
}

/** The resolvable URL of a DOI. */
export const doiUrl = (doi: string) => `https://doi.org/${doi}`;

/** What each export file holds (datapackage.json, the export README and `Edition.downloads`). */
export const FILE_DESCRIPTIONS: Record<string, string> = {
  'methodology.json': 'The methodology document the edition was scored with.',
  'projects.csv': "The edition's project snapshot.",
  'evidence.csv': "The edition's evidence snapshot, one row per value.",
  'results.csv': 'The `ranking-score --format csv` output; re-scores byte for byte.',
  'indicator_scores.csv':
    'Every indicator value of every entry, with year and revision, and whether it was measured, imputed (no data) or stale.',
  'rank_intervals.csv': 'Sensitivity of each rank to the weights: median and 5–95 % interval.',
  'region_shares.csv':
    "Country shares of the score per dimension and overall (by the methodology's share rule), with each region's label.",
  'errata.csv':
    "Every value corrected by this revision and the year's earlier revisions: old and new value, score and rank per dimension, cause, date.",
  'results.json': 'The ranking with names, organization, country, previous rank and illustrative flag.',
  'results.ndjson': 'The rows of results.csv, one JSON object per line, typed by its Table Schema.',
  'evidence.ndjson': 'The rows of evidence.csv, one JSON object per line, typed by its Table Schema.',
  'results.parquet': 'The rows of results.csv as Apache Parquet, typed columns.',
  'evidence.parquet':
    'The rows of evidence.csv as Apache Parquet, typed columns (dates, timestamps, booleans).',
  'datapackage.json': 'This Frictionless Tabular Data Package descriptor.',
  'CITATION.cff': 'How to cite this edition (Citation File Format 1.2.0).',
  'README.md': 'This file.',
  'manifest.json': 'Content hash, counts, SHA-256 and size of every other file.',
};

const packageName = (e: PackageEdition) => `ranking-edition-${e.year}-r${e.revision}`;
const versionOf = (e: PackageEdition) => `${e.year} revision ${e.revision}`;
const releaseDate = (e: PackageEdition) => (e.publishedAt ?? e.cutoff).slice(0, 10);

/**
 * The typed copies of CSVs: NDJSON and Parquet files with the CSV's rows and its Table Schema
 * (export-formats.ts). Listed as tabular resources with `format` `ndjson` / `parquet`, which
 * frictionless-py reads (apps/api/README.md, "Bulk data", says what a strict v1 validator makes of them).
 */
export const TYPED_COPIES: Record<string, { of: string; format: 'ndjson' | 'parquet'; mediatype: string }> = {
  'results.ndjson': { of: 'results.csv', format: 'ndjson', mediatype: 'application/x-ndjson' },
  'evidence.ndjson': { of: 'evidence.csv', format: 'ndjson', mediatype: 'application/x-ndjson' },
  'results.parquet': { of: 'results.csv', format: 'parquet', mediatype: 'application/vnd.apache.parquet' },
  'evidence.parquet': { of: 'evidence.csv', format: 'parquet', mediatype: 'application/vnd.apache.parquet' },
};

/** datapackage.json: the CSVs and their typed copies (with their SHA-256 and size) as tabular data resources. */
export function dataPackageOf(
  e: PackageEdition,
  files: Readonly<Record<string, { sha256: string; bytes: number }>>,
): Record<string, unknown> {
  const fileOf = (path: string) => ({
    hash: `sha256:${files[path]?.sha256 ?? ''}`,
    bytes: files[path]?.bytes ?? 0,
  });
  return {
    profile: 'tabular-data-package',
    name: packageName(e),
    id: e.doi ? doiUrl(e.doi) : `sha256:${e.contentHash}`,
    contentHash: `sha256:${e.contentHash}`,
    ...(e.doi ? { doi: e.doi } : {}),
    title: e.title,
    description: `${e.title}: edition ${e.year}, revision ${e.revision}, methodology ${e.methodology.version}, evidence cutoff ${e.cutoff}.`,
    version: versionOf(e),
    created: e.publishedAt,
    licenses: [{ ...DATA_LICENSE, title: 'Creative Commons Attribution 4.0' }],
    contributors: [{ title: PUBLISHER, role: 'publisher' }],
    resources: [
      ...Object.entries(TABLE_SCHEMAS).map(([path, schema]) => ({
        name: path.replace(/\.csv$/, '').replace(/_/g, '-'),
        path,
        profile: 'tabular-data-resource',
        description: FILE_DESCRIPTIONS[path],
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        ...fileOf(path),
        dialect: { delimiter: ',', lineTerminator: '\n', quoteChar: '"', doubleQuote: true, header: true },
        schema,
      })),
      ...Object.entries(TYPED_COPIES).map(([path, copy]) => ({
        name: path.replace('.', '-').replace(/_/g, '-'),
        path,
        profile: 'tabular-data-resource',
        description: FILE_DESCRIPTIONS[path],
        format: copy.format,
        mediatype: copy.mediatype,
        ...(copy.format === 'ndjson' ? { encoding: 'utf-8' } : {}),
        ...fileOf(path),
        schema: TABLE_SCHEMAS[copy.of],
      })),
    ],
  };
}

/** A YAML double-quoted scalar: JSON's string escapes are valid YAML. */
const q = (text: string) => JSON.stringify(text);

/** CITATION.cff (Citation File Format 1.2.0); with the DOI as `doi` and first identifier when one is set. */
export function citationOf(e: PackageEdition): string {
  const core = [
    `title: ${q(e.title)}`,
    'authors:',
    `  - name: ${q(PUBLISHER)}`,
    `version: ${q(versionOf(e))}`,
    `date-released: ${q(releaseDate(e))}`,
    `license: ${DATA_LICENSE.name}`,
    ...(e.doi ? [`doi: ${q(e.doi)}`] : []),
  ];
  const doiIdentifier = e.doi
    ? [
        '  - type: doi',
        `    value: ${q(e.doi)}`,
        `    description: ${q('DOI of this edition revision, registered by the publisher.')}`,
      ]
    : [];
  return [
    'cff-version: 1.2.0',
    `message: ${q('If you use this dataset, please cite it as below; the content hash identifies the exact data.')}`,
    'type: dataset',
    ...core,
    'identifiers:',
    ...doiIdentifier,
    '  - type: other',
    `    value: ${q(`sha256:${e.contentHash}`)}`,
    `    description: ${q('Content hash of the edition (methodology, evidence and results); ranking verify --dir checks it.')}`,
    `keywords: [${['ranking', 'open source', 'large models'].map(q).join(', ')}]`,
    'preferred-citation:',
    '  type: data',
    ...core.map((line) => `  ${line}`),
    '',
  ].join('\n');
}

/** README.md of the export directory, from the edition's metadata and the files written before it. */
export function readmeOf(
  e: PackageEdition,
  files: Readonly<Record<string, { sha256: string; bytes: number }>>,
): string {
  const rows = Object.entries(files).map(
    ([name, f]) => `| \`${name}\` | ${FILE_DESCRIPTIONS[name] ?? ''} | ${f.bytes} | \`${f.sha256}\` |`,
  );
  const counts = Object.entries(e.counts)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  return `# ${e.title} — ${versionOf(e)}

| | |
| --- | --- |
| Year | ${e.year} |
| Revision | ${e.revision} |
| Status | ${e.status} |
| Methodology | ${e.methodology.id} version ${e.methodology.version} |
| Evidence cutoff | ${e.cutoff} |
| Published | ${e.publishedAt ?? 'not published'} |
| Content hash | \`sha256:${e.contentHash}\` |
| DOI | ${e.doi ? `[${e.doi}](${doiUrl(e.doi)})` : 'none'} |
| Counts | ${counts} |
| Licence | ${DATA_LICENSE.name} (${DATA_LICENSE.path}) |

## Files

| File | What | Bytes | SHA-256 |
| --- | --- | ---: | --- |
${rows.join('\n')}
| \`manifest.json\` | ${FILE_DESCRIPTIONS['manifest.json']} | | |

Every CSV is described by a Table Schema in \`datapackage.json\` (types, units, keys; an empty cell is
a missing value, except the empty \`dimension\` of \`region_shares.csv\`, which means all dimensions).
CSV cells that a spreadsheet would run as a formula start with one extra \`'\`.
\`results.ndjson\`/\`evidence.ndjson\` (one JSON object per line) and \`results.parquet\`/\`evidence.parquet\`
hold the same rows as \`results.csv\`/\`evidence.csv\`, typed by the same Table Schema (a missing value is
\`null\`; no formula quote).

## How to verify

    npx ranking verify --dir .

checks every file against \`manifest.json\` and re-scores the edition; and

    npx ranking-score --methodology methodology.json --observations evidence.csv --projects projects.csv --cutoff ${e.cutoff} --format csv

prints \`results.csv\` byte for byte.

## How to cite

${PUBLISHER}. *${e.title}* (${versionOf(e)}), released ${releaseDate(e)}. Dataset, ${DATA_LICENSE.name}.
${e.doi ? `${doiUrl(e.doi)}. ` : ''}Content hash \`sha256:${e.contentHash}\`. See \`CITATION.cff\`.
`;
}
