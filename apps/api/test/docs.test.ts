/**
 * The documents say what the code does. The operator commands, HTTP routes, limits, cache lifetimes
 * and defaults written in README.md, apps/api/README.md and docs/*.md are compared with the code's
 * own tables and constants, so changing one without the other fails here. In-process, no database.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_AGE_SECONDS } from '../src/cache-policy';
import { COMMANDS } from '../src/cli/commands';
import { loadEnv } from '../src/env';
import { MAX_QUERY_COST } from '../src/graphql/cost-limit';
import { GRAPHQL_LIMITS } from '../src/http/apollo';
import { DISCARD_LIMIT_BYTES } from '../src/http/body';
import { DOWNLOAD_CACHE_CONTROL } from '../src/http/downloads';
import { CACHE_CONTROL } from '../src/http/http-cache';
import { SHUTDOWN_GRACE_MS } from '../src/http/lifecycle';
import { MAX_DUPLICATE_FIELDS, MAX_JSON_DEPTH } from '../src/http/limits';
import { READY_TIMEOUT_MS, ROUTES } from '../src/http/routes';
import { MAX_PAGE_SIZE } from '../src/lib/pagination';
import { EXPORT_FILES } from '../src/modules/bulk/export-service';
import { MAX_RANK_BOUNDS_PROJECTS, MAX_WEIGHTS } from '../src/modules/editions/what-if-service';
import { SIGN_IN_LIMITS } from '../src/modules/users/service';

const ROOT = join(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const DOCUMENTS = [
  'README.md',
  'apps/api/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const API_README = read('apps/api/README.md');
const GUIDE = read('docs/graphql-guide.md');
/** The code's defaults: the validated environment of an empty one. */
const DEFAULTS = loadEnv({});

/** Text with its line breaks and runs of spaces made one space (prose wraps anywhere). */
const flat = (text: string) => text.replace(/\s+/g, ' ');
/** A number as written in the documents, without the thin or plain spaces grouping its digits. */
const digits = (text: string) => text.replace(/[\s\u00a0\u202f,_]/g, '');
/** The `code spans` of a Markdown fragment (outside fenced blocks). */
const codeSpans = (text: string) =>
  [...text.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');

/** The body rows of the first table under the heading that starts with `heading` (cells trimmed). */
function table(text: string, heading: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex(
    (line) => /^#{2,4} /.test(line) && line.replace(/^#+ /, '').startsWith(heading),
  );
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const first = lines.findIndex((line, i) => i > start && line.startsWith('|'));
  const rows: string[][] = [];
  for (let i = first; i < lines.length && lines[i]?.startsWith('|'); i++) {
    rows.push(
      (lines[i] ?? '')
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/\\\|/g, '|')),
    );
  }
  return rows.slice(2);
}

/** Every Markdown table row of a document, as written. */
const tableRows = (text: string) =>
  text.split('\n').filter((line) => /^\|.*\|$/.test(line) && !/^\|[\s|:-]+\|$/.test(line));

const CODE_USAGES = Object.values(COMMANDS).flatMap((command) => command.specs.map((spec) => spec.usage));
/** A command's name: the words of its usage before its first argument or option. */
const nameOf = (usage: string) =>
  usage
    .split(' ')
    .filter((_word, i, words) => words.slice(0, i + 1).every((w) => /^[a-z]+(\|[a-z]+)*$/.test(w)))
    .join(' ');

describe('documented commands are the CLI commands (src/cli/commands.ts)', () => {
  it('apps/api/README.md, "Operator CLI": one row per command, each usage exactly as the CLI prints it', () => {
    const documented = table(API_README, 'Operator CLI').flatMap(([command = '']) => codeSpans(command));
    expect([...documented].sort()).toEqual([...CODE_USAGES].sort());
  });

  it('README.md, "Commands": every `ranking` command it names exists, with the options it names', () => {
    const row = table(read('README.md'), 'Commands').find(([command]) => command?.includes('npx ranking'));
    expect(row).toBeDefined();
    const mentions = codeSpans(row?.[1] ?? '');
    expect(mentions.length).toBeGreaterThan(5);
    for (const mention of mentions) {
      const [first = '', ...rest] = nameOf(mention).split(' ');
      const names =
        rest.length === 0 ? [first] : (rest[0] ?? '').split('|').map((action) => `${first} ${action}`);
      for (const name of names) {
        const usage = CODE_USAGES.find((u) => nameOf(u) === name);
        expect(usage, `"${mention}" names no command`).toBeDefined();
        for (const option of mention.match(/--[a-z-]+/g) ?? []) {
          expect(usage, `"${mention}": ${option}`).toContain(option);
        }
      }
    }
  });
});

describe('documented HTTP routes are the server routes (src/http/routes.ts)', () => {
  it('apps/api/README.md, "Endpoints": one row per method and path the server answers', () => {
    const documented = table(API_README, 'Endpoints').map(([route = '']) =>
      (codeSpans(route)[0] ?? '').replace(/\?.*$/, ''),
    );
    const served = ROUTES.flatMap((route) => route.methods.map((method) => `${method} ${route.path}`));
    expect([...documented].sort()).toEqual([...served].sort());
  });

  it('the admin download route is documented where the downloads are (README.md, "Downloads")', () => {
    expect(existsSync(join(ROOT, 'apps/admin/src/app/editions/[year]/download/route.ts'))).toBe(true);
    const rows = table(read('README.md'), 'Downloads').map(([route = '']) => codeSpans(route)[0] ?? '');
    expect(rows).toContain('/editions/YEAR/download?file=FILE[&revision=N]');
  });
});

describe('documented limits are the enforced ones', () => {
  const limits = new Map(table(GUIDE, 'Limits').map(([name = '', value = '']) => [name, flat(value)]));
  const limit = (name: string) => {
    const value = limits.get(name);
    if (value === undefined) throw new Error(`docs/graphql-guide.md, Limits: no row "${name}"`);
    return value;
  };

  it('docs/graphql-guide.md, "Limits": every row against its constant', () => {
    expect(limit('query depth')).toMatch(new RegExp(`^${GRAPHQL_LIMITS.maxDepth}\\b`));
    expect(digits(limit('query cost'))).toMatch(new RegExp(`^${MAX_QUERY_COST}\\(`));
    expect(limit('what-if')).toContain(`at most ${MAX_WEIGHTS} weights`);
    expect(limit('rank bounds')).toContain(`at most ${MAX_RANK_BOUNDS_PROJECTS} projects`);
    expect(limit('aliases')).toMatch(new RegExp(`^${GRAPHQL_LIMITS.maxAliases} per operation`));
    expect(limit('directives')).toBe(`${GRAPHQL_LIMITS.maxDirectives} per operation`);
    expect(digits(limit('tokens'))).toBe(`${GRAPHQL_LIMITS.maxTokens}perdocument`);
    expect(limit('the same field in one selection set')).toBe(`${MAX_DUPLICATE_FIELDS} times`);
    expect(limit('validation errors reported')).toBe(`the first ${GRAPHQL_LIMITS.maxValidationErrors}`);
    expect(limit('page size')).toBe(`\`first\` ≤ ${MAX_PAGE_SIZE}`);
    expect(limit('request body')).toBe(`${DEFAULTS.BODY_LIMIT_BYTES / 1_000_000} MB (\`BODY_LIMIT_BYTES\`)`);
    expect(limit('request deadline')).toMatch(new RegExp(`^${DEFAULTS.REQUEST_TIMEOUT_MS / 1000} s `));
    // "per minute": the default window.
    expect(DEFAULTS.API_KEY_RATE_WINDOW_MS).toBe(60_000);
    expect(limit('API key rate limit')).toMatch(
      new RegExp(`^${DEFAULTS.API_KEY_RATE_LIMIT} requests per key per minute by default`),
    );
    expect(limit('anonymous rate limit')).toMatch(
      new RegExp(`^${DEFAULTS.ANONYMOUS_RATE_LIMIT} requests per client address per minute by default`),
    );
    expect(limit('sign-in attempts')).toBe(
      `${SIGN_IN_LIMITS.perAccount} failures per account and ${SIGN_IN_LIMITS.perAddress} per client address per ${SIGN_IN_LIMITS.windowMs / 60_000} minutes`,
    );
  });

  it('apps/api/README.md: the safety limits, rate limits, deadlines and sign-in limits as enforced', () => {
    const text = flat(API_README);
    const mb = (bytes: number) => bytes / 1_000_000;
    for (const phrase of [
      `depth ${GRAPHQL_LIMITS.maxDepth}`,
      `${GRAPHQL_LIMITS.maxAliases} aliases`,
      `${GRAPHQL_LIMITS.maxDirectives} directives`,
      `at most ${MAX_DUPLICATE_FIELDS} selections of one field`,
      `validation stopping after ${GRAPHQL_LIMITS.maxValidationErrors} errors`,
      `nested at most ${MAX_JSON_DEPTH} levels deep`,
      `${mb(DEFAULTS.BODY_LIMIT_BYTES)} MB body limit`,
      `up to ${DISCARD_LIMIT_BYTES / 1024 / 1024} MB more`,
      `(\`REQUEST_TIMEOUT_MS\`, default ${DEFAULTS.REQUEST_TIMEOUT_MS / 1000} s)`,
      `finish in-flight requests for up to ${SHUTDOWN_GRACE_MS / 1000} s`,
      `\`select 1\` within ${READY_TIMEOUT_MS / 1000} s`,
      `(default ${DEFAULTS.API_KEY_RATE_LIMIT}/min)`,
      `(default ${DEFAULTS.ANONYMOUS_RATE_LIMIT}/min`,
      `limited to ${SIGN_IN_LIMITS.perAccount} per account and ${SIGN_IN_LIMITS.perAddress} per client address per ${SIGN_IN_LIMITS.windowMs / 60_000} minutes`,
    ]) {
      expect(text, phrase).toContain(phrase);
    }
    const cost = text.match(/a cost limit of ([\d\s\u00a0\u202f]+) on/)?.[1] ?? '';
    expect(digits(cost)).toBe(String(MAX_QUERY_COST));
    const tokens = text.match(/([\d\s\u00a0\u202f]+) tokens \(graphql's parser/)?.[1] ?? '';
    expect(digits(tokens)).toBe(String(GRAPHQL_LIMITS.maxTokens));
  });
});

describe('documented cache lifetimes are the ones sent (src/cache-policy.ts, src/http/*)', () => {
  const sent = new Set(
    [...Object.values(CACHE_CONTROL), ...Object.values(DOWNLOAD_CACHE_CONTROL)].flatMap((value) =>
      [...value.matchAll(/max-age=(\d+)/g)].map((m) => Number(m[1])),
    ),
  );

  it('every max-age in the documents is one the server sends', () => {
    expect(sent).toEqual(new Set([MAX_AGE_SECONDS.immutable, MAX_AGE_SECONDS.published, 0, 300, 31_536_000]));
    for (const path of DOCUMENTS) {
      for (const [, age] of read(path).matchAll(/max-age=(\d+)/g)) {
        expect(sent.has(Number(age)), `${path}: max-age=${age}`).toBe(true);
      }
    }
  });

  it('apps/api/README.md and docs/graphql-guide.md state each level and the downloads as sent', () => {
    const readme = flat(API_README);
    expect(readme).toContain(
      `\`Cache-Control: ${CACHE_CONTROL.immutable}\` when every edition they read is named`,
    );
    expect(readme).toContain(`\`${CACHE_CONTROL.published}\` when one is found as a year's default revision`);
    expect(readme).toContain(
      `get \`${DOWNLOAD_CACHE_CONTROL.latest}\`, or \`${DOWNLOAD_CACHE_CONTROL.pinned}\` with`,
    );
    expect(readme).toContain('`MAX_AGE_SECONDS` in `src/cache-policy.ts`');
    const levels = table(GUIDE, 'Caching').map(([, value = '']) => codeSpans(value)[0]);
    expect(levels).toEqual([
      CACHE_CONTROL.immutable,
      CACHE_CONTROL.published,
      CACHE_CONTROL.public,
      CACHE_CONTROL.private,
    ]);
    expect(flat(GUIDE)).toContain(
      `public, max-age=${DOWNLOAD_CACHE_CONTROL.latest.split('=')[1]}\`, or \`${DOWNLOAD_CACHE_CONTROL.pinned}\` with \`?revision=N\``,
    );
  });
});

describe('documented defaults are the code defaults (src/env.ts)', () => {
  /** [document, heading of its environment table]. */
  const TABLES: [string, string][] = [
    ['README.md', 'Configuration'],
    ['apps/api/README.md', 'Environment'],
    ['docs/operations.md', 'Configuration'],
  ];
  const defaults = DEFAULTS as Record<string, unknown>;

  it.each(TABLES)(
    '%s, "%s": each default given for an API variable is its default in env.ts',
    (path, heading) => {
      let checked = 0;
      for (const [names = '', values = ''] of table(read(path), heading)) {
        const variables = codeSpans(names).filter((name) => /^[A-Z][A-Z0-9_]+$/.test(name));
        const written = values.split(/, | \/ /).map((value) =>
          value
            .replace(/\(.*\)/, '')
            .replaceAll('`', '')
            .trim(),
        );
        if (variables.length !== written.length) continue;
        variables.forEach((variable, i) => {
          const value = written[i] ?? '';
          const actual = defaults[variable];
          // Descriptions ("generated into …", "the public services") and variables of other apps.
          if (actual === undefined || !/^[\w.:/<>-]+(?: [\d ]+)?$/.test(value) || value === '—') return;
          // A switch is written on/off (or true/false).
          const shown = typeof actual === 'boolean' ? String(['on', 'true', '1'].includes(value)) : value;
          expect(typeof actual === 'number' ? digits(value) : shown, `${path}: ${variable}`).toBe(
            String(actual),
          );
          checked++;
        });
      }
      expect(checked).toBeGreaterThan(2);
    },
  );
});

describe('documents hold no duplicated rows or sections (a merge artefact that drifts)', () => {
  it.each(DOCUMENTS)('%s', (path) => {
    const text = read(path);
    const rows = tableRows(text);
    expect(rows.filter((row, i) => rows.indexOf(row) !== i)).toEqual([]);
    const sections = text
      .split('\n')
      .filter((line) => /^## /.test(line))
      .map((line) => line.trim());
    expect(sections.filter((heading, i) => sections.indexOf(heading) !== i)).toEqual([]);
  });

  it('the paths apps/api/README.md names under src/, test/ and scripts/ exist', () => {
    const paths = codeSpans(API_README).filter((span) =>
      /^(src|test|scripts|bin)\/[\w./[\]-]+\.[a-z]+$/.test(span),
    );
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) expect(existsSync(join(ROOT, 'apps/api', path)), path).toBe(true);
  });
});

describe('the documented export files are the ones written (src/modules/bulk/export-service.ts)', () => {
  const files = [...EXPORT_FILES, 'manifest.json'].sort();

  it("README.md's Downloads table has one row per export file", () => {
    const section =
      read('README.md')
        .split(/\n## /)
        .find((part) => part.startsWith('Downloads')) ?? '';
    const listed = section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => codeSpans(line.split('|')[1] ?? '')[0]);
    expect(listed.sort()).toEqual(files);
  });

  it("apps/api/README.md's download route names every export file", () => {
    const row =
      API_README.split('\n').find((line) => line.startsWith('| `GET /editions/YEAR/export/FILE`')) ?? '';
    expect(
      codeSpans(row)
        .filter((span) => files.includes(span))
        .sort(),
    ).toEqual(files);
  });
});
