/**
 * The schema changelog rule (CHANGELOG.md, "How this file is checked"): the committed SDL
 * (`schema.graphql`) is compared with the SDL of the last release (`sdl/released.graphql`) by
 * graphql-js's `findBreakingChanges`. Every breaking change must be recorded in CHANGELOG.md on a
 * line that says `BREAKING`, names the schema coordinate in backticks (`Type.field`,
 * `Type.field(arg:)`, `Enum.VALUE`, or `Type` for a whole type) and carries the date (YYYY-MM-DD) the change was announced; and every
 * `@deprecated(reason:)` in the schema must carry a date in its reason, so clients know since when.
 *
 * `npm run schema:check -w @ranking/api` prints the findings (exit 1 when there are problems);
 * test/schema-changelog.test.ts runs the same check in `npm test`, so CI fails on an unrecorded
 * breaking change. At a release, copy `schema.graphql` to `sdl/released.graphql` and move the
 * "Unreleased" entries under the release's heading.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';

const DATE = /\b\d{4}-\d{2}-\d{2}\b/;

export interface SchemaChangelogReport {
  /** Breaking changes with no dated BREAKING line in the changelog, and deprecations without a date. */
  problems: string[];
  /** Breaking changes that the changelog records. */
  recorded: string[];
  /** Changes graphql-js calls dangerous (an added optional argument, an enum value…): reported, allowed. */
  dangerous: string[];
}

/**
 * The schema coordinate a graphql-js change description speaks of: `Query.edition(year:)` for an
 * argument, `Status.DRAFT` for an enum value, `Type.field` for a field (`Edition.title was
 * removed.`), else the type it begins with (`Share was removed.`).
 */
export function coordinateOf(description: string): string {
  const arg = /\barg (\w+) on (\w+\.\w+)\b/.exec(description);
  if (arg) return `${arg[2]}(${arg[1]}:)`;
  const value = /^(\w+) was (?:removed from|added to) enum type (\w+)\b/.exec(description);
  if (value) return `${value[2]}.${value[1]}`;
  const member = /\b([A-Za-z_]\w*\.[A-Za-z_]\w*)\b/.exec(description);
  if (member?.[1]) return member[1];
  const type = /^([A-Za-z_]\w*) /.exec(description);
  return type?.[1] ?? description;
}

/** Every deprecation in `schema` whose reason has no date, as `Type.member`. */
function undatedDeprecations(schema: GraphQLSchema): string[] {
  const found: string[] = [];
  const check = (coordinate: string, reason: string | null | undefined) => {
    if (reason != null && !DATE.test(reason)) found.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.deprecationReason);
        for (const arg of field.args)
          check(`${type.name}.${field.name}(${arg.name}:)`, arg.deprecationReason);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        check(`${type.name}.${field.name}`, field.deprecationReason);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.deprecationReason);
    }
  }
  return found;
}

/** Compares `current` with `released` and checks the changelog (all three as text). */
export function checkSchemaChangelog(
  released: string,
  current: string,
  changelog: string,
): SchemaChangelogReport {
  const before = buildSchema(released);
  const after = buildSchema(current);
  const breakingLines = changelog.split('\n').filter((line) => line.includes('BREAKING'));
  const problems: string[] = [];
  const recorded: string[] = [];
  for (const change of findBreakingChanges(before, after)) {
    const coordinate = coordinateOf(change.description);
    const entry = breakingLines.find((line) => line.includes(`\`${coordinate}\``));
    if (!entry)
      problems.push(
        `${change.type}: ${change.description} — not in CHANGELOG.md (a line with BREAKING, \`${coordinate}\` and a date)`,
      );
    else if (!DATE.test(entry))
      problems.push(
        `${change.type}: ${change.description} — the CHANGELOG.md line for \`${coordinate}\` has no date`,
      );
    else recorded.push(`${change.type}: ${change.description}`);
  }
  for (const coordinate of undatedDeprecations(after))
    problems.push(`${coordinate} is deprecated without a date in its reason (write "since YYYY-MM-DD: …")`);
  const dangerous = findDangerousChanges(before, after).map((c) => `${c.type}: ${c.description}`);
  return { problems, recorded, dangerous };
}

const fromApi = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** The check on the repository's own files. */
export function checkRepositorySchema(): SchemaChangelogReport {
  return checkSchemaChangelog(
    readFileSync(fromApi('sdl/released.graphql'), 'utf8'),
    readFileSync(fromApi('schema.graphql'), 'utf8'),
    readFileSync(fromApi('../../CHANGELOG.md'), 'utf8'),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = checkRepositorySchema();
  for (const line of report.recorded) console.log(`recorded  ${line}`);
  for (const line of report.dangerous) console.log(`dangerous ${line}`);
  for (const line of report.problems) console.error(`problem   ${line}`);
  console.log(
    `breaking changes recorded: ${report.recorded.length}; dangerous changes: ${report.dangerous.length}; problems: ${report.problems.length}`,
  );
  process.exit(report.problems.length > 0 ? 1 : 0);
}
