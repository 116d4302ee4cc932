/**
 * GraphiQL served by the API itself from the `graphiql`, `react` and `react-dom` packages' UMD
 * builds in node_modules: no CDN, works offline. Development only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

const ASSETS: Record<string, { file: () => string; type: string }> = {
  'react.production.min.js': {
    file: () => join(packageDir('react'), 'umd', 'react.production.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'react-dom.production.min.js': {
    file: () => join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'graphiql.min.js': {
    file: () => join(packageDir('graphiql'), 'graphiql.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'graphiql.min.css': {
    file: () => join(packageDir('graphiql'), 'graphiql.min.css'),
    type: 'text/css; charset=utf-8',
  },
};

const DEFAULT_QUERY = `# The latest published edition's model ranking, with each score's breakdown.
# Add an API key under "Headers": {"Authorization": "Bearer rk_…"}
query Ranking($year: Int!, $dimension: String!) {
  edition(year: $year) {
    year
    revision
    title
    status
    contentHash
    methodology { id version }
    dimensions { key name }
    ranking(dimension: $dimension, first: 10) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          rank
          previousRank
          score
          project { slug name country }
          breakdown { key name score }
          indicators {
            indicator { key name }
            raw
            normalized
            contribution
            isIllustrative
            evidence { id sourceUrl }
          }
        }
      }
    }
    regionShares(dimension: $dimension) { region share projects }
  }
}
`;

const INIT_SCRIPT = (defaultYear: number) => `
const root = ReactDOM.createRoot(document.getElementById('graphiql'));
const fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', location.href).toString() });
root.render(React.createElement(GraphiQL, {
  fetcher,
  defaultEditorToolsVisibility: true,
  defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
  variables: ${JSON.stringify(JSON.stringify({ year: defaultYear, dimension: 'model' }, null, 2))},
  shouldPersistHeaders: false,
}));
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Open-Source Influence Ranking — GraphiQL</title>
<link rel="stylesheet" href="/graphiql/assets/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="/graphiql/assets/react.production.min.js"></script>
<script src="/graphiql/assets/react-dom.production.min.js"></script>
<script src="/graphiql/assets/graphiql.min.js"></script>
<script src="/graphiql/assets/init.js"></script>
</body>
</html>
`;

/** Strict enough for a page that loads only our own files. */
export const GRAPHIQL_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'";

export interface StaticAsset {
  body: string | Buffer;
  type: string;
}

const cache = new Map<string, Buffer>();

export function graphiqlPage(): StaticAsset {
  return { body: PAGE, type: 'text/html; charset=utf-8' };
}

export function graphiqlAsset(name: string, defaultYear: number): StaticAsset | undefined {
  if (name === 'init.js') return { body: INIT_SCRIPT(defaultYear), type: 'text/javascript; charset=utf-8' };
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) return undefined;
  let body = cache.get(name);
  if (!body) {
    body = readFileSync(asset.file());
    cache.set(name, body);
  }
  return { body, type: asset.type };
}
