/**
 * Module boundaries, checked by `npm run lint` (dependency-cruiser). ARCHITECTURE.md ("Module
 * boundaries") explains the rules; each rule's `comment` says why it exists. Paths are relative to
 * the repository root, where the check runs.
 *
 * Imports are read with swc, which keeps `import type` lines: a circle made of type-only imports is
 * a circle too (tsc erases it, but the modules still cannot be understood or moved one at a time).
 */

const API = '^apps/api/src/';
const MODULES = `${API}modules/`;
/** A file path as a regular expression that matches it literally. */
const literal = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Known violations: present when the rules were written, allowed until the files can be moved
 * (other work was changing them). Each entry is exact (from → to) and has its reason; a NEW
 * violation of the same rule still fails. Remove an entry when its import is gone.
 */
const knownViolations = [
  // Stores that join another module's table with its store's column lists: SQL joins (one
  // statement), not calls, so they cannot go through a service.
  ...[
    [
      'projects/store.ts',
      'organizations/store.ts',
      "joins organization columns into a project's organizations",
    ],
    ['editions/ranking-store.ts', 'projects/store.ts', 'joins project columns into rankings'],
  ].map(([from, to, reason]) => ({
    rule: 'module-through-service',
    from: `${MODULES}${literal(from)}$`,
    to: `${MODULES}${literal(to)}$`,
    reason,
  })),
];

/**
 * A rule with its known violations let through, and only those: the rule no longer applies to a
 * file with known violations, and a copy of the rule applies to just that file, minus the known
 * targets (the lookahead keeps the rule's own capture groups, e.g. $1 in module-through-service).
 */
function withKnownViolations(rule) {
  const known = knownViolations.filter((violation) => violation.rule === rule.name);
  const froms = [...new Set(known.map((violation) => violation.from))];
  const list = (value) => (value === undefined ? [] : [value].flat());
  return [
    { ...rule, from: { ...rule.from, pathNot: [...list(rule.from.pathNot), ...froms] } },
    ...froms.map((from) => ({
      ...rule,
      from: { ...rule.from, path: list(rule.from.path ?? '').map((path) => `(?=${from})${path}`) },
      to: {
        ...rule.to,
        pathNot: [
          ...list(rule.to.pathNot),
          ...known.filter((violation) => violation.from === from).map((violation) => violation.to),
        ],
      },
    })),
  ];
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import circles, type-only imports included: a circle means neither module can be read, tested or moved without the other. Move the shared part (often a type) into its own file.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-unresolvable',
      severity: 'error',
      comment:
        "Every import resolves. A package's internals are reachable only through its exports map, so a deep import such as '@ranking/schema/src/x' fails here.",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-deep-relative-into-another-package',
      severity: 'error',
      comment:
        "A workspace reaches another workspace only by its package name ('@ranking/scoring'), never by a relative path into its folder, so its exports map stays its public surface.",
      from: { path: '^((apps|packages)/[^/]+)/' },
      to: { dependencyTypesNot: ['aliased'], path: '^(apps|packages)/', pathNot: '^$1/' },
    },
    {
      name: 'scoring-is-standalone',
      severity: 'error',
      comment:
        'packages/scoring is the pure engine: it depends on nothing else in the repository, so it can be run and reviewed alone (ranking-score).',
      from: { path: '^packages/scoring/' },
      to: { path: '^(apps|packages)/', pathNot: '^packages/scoring/' },
    },
    {
      name: 'collectors-only-scoring',
      severity: 'error',
      comment:
        'packages/collectors turns outside sources into observations without database work: it may use packages/scoring and nothing else in the repository.',
      from: { path: '^packages/collectors/' },
      to: { path: '^(apps|packages)/', pathNot: '^packages/(collectors|scoring)/' },
    },
    {
      name: 'contracts-is-standalone',
      severity: 'error',
      comment:
        'packages/contracts holds the rules the apps share (roles, error codes, evidence input, token and address signatures): every app may import it, and it imports nothing else in the repository, so it stays the one place those rules are decided.',
      from: { path: '^packages/contracts/' },
      to: { path: '^(apps|packages)/', pathNot: '^packages/contracts/' },
    },
    {
      name: 'schema-not-apps',
      severity: 'error',
      comment: 'packages/schema is below the apps: it never imports from apps/.',
      from: { path: '^packages/schema/' },
      to: { path: '^apps/' },
    },
    {
      name: 'admin-talks-graphql',
      severity: 'error',
      comment:
        "apps/admin talks to the API over GraphQL like any client: it never imports apps/api or packages/schema (the database is the API's).",
      from: { path: '^apps/admin/' },
      to: { path: '^(apps/api|packages/schema)/' },
    },
    {
      name: 'module-through-service',
      severity: 'error',
      comment:
        "In apps/api a module (src/modules/X) reaches another module only through that module's public files: service.ts or a *-service.ts, model.ts (types), index.ts. Never its store or resolvers.",
      from: { path: `${MODULES}([^/]+)/` },
      to: {
        path: MODULES,
        pathNot: [`${MODULES}$1/`, `${MODULES}[^/]+/([a-z-]*service|model|index)\\.ts$`],
      },
    },
    {
      name: 'resolvers-not-stores',
      severity: 'error',
      comment:
        'Resolvers call services, services call stores (resolvers → service → store): authorization, validation and audit live in the service, so a resolver that reaches a store skips them.',
      from: { path: `${MODULES}[^/]+/[a-z-]*resolvers\\.ts$` },
      to: { path: `${MODULES}[^/]+/[a-z-]*store\\.ts$` },
    },
  ].flatMap(withKnownViolations),
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    exclude: {
      // apps/api/bench/peers are other projects' servers, installed only for a benchmark run.
      path: '(^|/)(node_modules|\\.next|\\.turbo|test-results|data|drizzle)/|^apps/api/bench/peers/',
    },
    doNotFollow: { path: 'node_modules' },
    // apps/admin's '@/…' paths (its tsconfig "paths"); a webpack-style resolve file because
    // reading tsconfig paths needs the TypeScript compiler API, which TypeScript 7 does not ship.
    webpackConfig: { fileName: '.dependency-cruiser.resolve.cjs' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
