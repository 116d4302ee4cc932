/**
 * `@ranking/collectors/testing`: the local upstream fakes the collector tests use (GitHub GraphQL and
 * REST, Hugging Face Hub, pypistats, OpenAlex, deps.dev on 127.0.0.1), for end-to-end tests of the
 * callers (the API's `ranking collect`). Test code only.
 */
export {
  type FakeGithub,
  type FixtureCommit,
  type FixtureRepo,
  type GithubFixture,
  startFakeGithub,
} from './fakes/github';
export {
  type DepsdevFixture,
  type HubFixture,
  type HubRepo,
  type OpenalexFixture,
  type PypiFixture,
  startFakeDepsdev,
  startFakeHub,
  startFakeOpenalex,
  startFakePypistats,
} from './fakes/registries';
export { type FakeServer, ManualClock, startServer } from './helpers';
