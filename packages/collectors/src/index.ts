/**
 * @ranking/collectors: evidence collection from upstream services, one collector per source, each
 * yielding observations with full provenance or findings. No database work happens here.
 */
import { depsdevCollector } from './depsdev/collector';
import { githubCollector } from './github/collector';
import { huggingfaceCollector } from './huggingface/collector';
import { openalexCollector } from './openalex/collector';
import { pypiCollector } from './pypi/collector';
import type { Collector, CollectorSource } from './types';

/** Every collector by source name; a new source is one new module added here. */
export const COLLECTORS: Readonly<Record<CollectorSource, Collector>> = {
  github: githubCollector,
  huggingface: huggingfaceCollector,
  pypi: pypiCollector,
  openalex: openalexCollector,
  depsdev: depsdevCollector,
};

export { BOT_LIST_VERSION, isBot } from './bots';
export { systemClock } from './clock';
export {
  COLLECTOR_DEFAULTS,
  COLLECTOR_ENV_DEFAULTS,
  type CollectorConfig,
  CollectorConfigError,
  collectorConfig,
  collectorConfigFromEnv,
  collectorEnvSchema,
} from './config';
export { depsdevCollector } from './depsdev/collector';
export { githubCollector } from './github/collector';
export { HttpClient, HttpError, type HttpErrorKind, httpClientFor } from './http/client';
export { DERIVATIVE_RELATIONS, huggingfaceCollector } from './huggingface/collector';
export { openalexCollector } from './openalex/collector';
export { pypiCollector } from './pypi/collector';
export * from './types';
