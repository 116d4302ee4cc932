/**
 * The schema changelog rule (CHANGELOG.md, "How this file is checked"): the committed SDL against
 * the last release's, every breaking change recorded with a date, every deprecation dated.
 */
import { describe, expect, it } from 'vitest';
import { checkRepositorySchema, checkSchemaChangelog, coordinateOf } from '../scripts/schema-changelog';

const RELEASED = /* GraphQL */ `
  type Query { edition(year: Int!): Edition, editions: [Edition!]! }
  type Edition { year: Int!, title: String!, status: Status! }
  enum Status { DRAFT PUBLISHED }
`;

describe('schema changelog', () => {
  it('holds for the repository: every breaking change since the release is recorded, every deprecation dated', () => {
    const report = checkRepositorySchema();
    expect(report.problems).toEqual([]);
  });

  it('fails on a removed field until the changelog records it with a date', () => {
    const current = RELEASED.replace('title: String!, ', '');
    const missing = checkSchemaChangelog(RELEASED, current, '# Changelog\n');
    expect(missing.problems).toEqual([
      'FIELD_REMOVED: Edition.title was removed. — not in CHANGELOG.md (a line with BREAKING, `Edition.title` and a date)',
    ]);
    const undated = checkSchemaChangelog(RELEASED, current, '- BREAKING `Edition.title` removed\n');
    expect(undated.problems).toEqual([
      'FIELD_REMOVED: Edition.title was removed. — the CHANGELOG.md line for `Edition.title` has no date',
    ]);
    // The coordinate alone is not enough: the line must say BREAKING.
    expect(
      checkSchemaChangelog(RELEASED, current, '- 2026-12-04 `Edition.title` removed\n').problems,
    ).toHaveLength(1);
    const recorded = checkSchemaChangelog(
      RELEASED,
      current,
      '- 2026-12-04 BREAKING `Edition.title` removed\n',
    );
    expect(recorded).toEqual({
      problems: [],
      recorded: ['FIELD_REMOVED: Edition.title was removed.'],
      dangerous: [],
    });
  });

  it('catches a required argument, a narrowed type and a removed enum value; allows additions', () => {
    const current = `
      type Query { edition(year: Int!, revision: Int!): Edition, editions: [Edition!]!, projects: [String!]! }
      type Edition { year: Int!, title: Int!, status: Status! }
      enum Status { DRAFT }
    `;
    const report = checkSchemaChangelog(RELEASED, current, '');
    expect(report.problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual(
      expect.arrayContaining(['FIELD_CHANGED_KIND', 'VALUE_REMOVED_FROM_ENUM', 'REQUIRED_ARG_ADDED']),
    );
    expect(report.problems).toHaveLength(3);
    const additive = `${RELEASED} type Project { slug: String! } extend type Query { project(slug: String!): Project }`;
    expect(checkSchemaChangelog(RELEASED, additive, '')).toEqual({
      problems: [],
      recorded: [],
      dangerous: [],
    });
  });

  it('lists an added optional argument as dangerous, allowed', () => {
    const current = RELEASED.replace('edition(year: Int!)', 'edition(year: Int!, revision: Int)');
    const report = checkSchemaChangelog(RELEASED, current, '');
    expect(report.problems).toEqual([]);
    expect(report.dangerous).toEqual([
      'OPTIONAL_ARG_ADDED: An optional arg revision on Query.edition was added.',
    ]);
  });

  it('requires a date in every deprecation reason', () => {
    const current = RELEASED.replace(
      'title: String!',
      'title: String! @deprecated(reason: "use name"), name: String! @deprecated(reason: "since 2026-12-04: use label")',
    );
    expect(checkSchemaChangelog(RELEASED, current, '').problems).toEqual([
      'Edition.title is deprecated without a date in its reason (write "since YYYY-MM-DD: …")',
    ]);
  });

  it('names the coordinate of each kind of change description', () => {
    expect(coordinateOf('Edition.title was removed.')).toBe('Edition.title');
    expect(coordinateOf('An arg year on Query.edition was removed.')).toBe('Query.edition(year:)');
    expect(coordinateOf('A required arg revision on Query.edition was added.')).toBe(
      'Query.edition(revision:)',
    );
    expect(coordinateOf('Share was removed.')).toBe('Share');
    expect(coordinateOf('DRAFT was removed from enum type Status.')).toBe('Status.DRAFT');
  });
});
