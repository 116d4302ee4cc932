/**
 * PostGraphile 5 as the API benchmark's peer. Copied next to its node_modules in <repo>/.bench/peers
 * and run there with the Node 22 that PostGraphile requires (see ../postgraphile.ts).
 * `DATABASE_URL` and `PORT` from the environment.
 *
 * Production-like settings: the default amber preset, schema `public`, no GraphiQL, no watch mode,
 * no `explain`, no websockets, a pool of 10 connections like the API's and the raw floor's. No simplify-inflection preset: it only renames fields (`allResults` → `results`), so it
 * changes nothing measured and would be one more package to install.
 */
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ['public'],
      poolConfig: { max: 10 },
      // No subscriptions are served, so no LISTEN connection.
      pubsub: false,
    }),
  ],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false, websockets: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const server = createServer();
await pgl.createServ(grafserv).addTo(server);
// Build the schema (introspection) before listening, so "answers" means "ready".
await pgl.getSchema();
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stdout.write(`postgraphile listening on ${process.env.PORT}\n`);
});
