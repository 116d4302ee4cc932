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
export { backoffDelayMs, HttpClient, HttpError, type HttpErrorKind, httpClientFor } from './http/client';
export {
  type GuardedErrorKind,
  GuardedRequestError,
  type GuardedRequestOptions,
  type GuardedResponse,
  guardedRequest,
} from './http/guarded-request';
export {
  type AddressClass,
  classifyAddress,
  DnsError,
  embeddedIpv4,
  type LookupAddress,
  type ResolveHost,
  resolveAllowed,
  type SsrfPolicy,
  type SsrfRefusal,
  SsrfRefusedError,
  systemResolve,
} from './http/ssrf-guard';
export {
  COLLECTION_ID as HF_COLLECTION_ID,
  DERIVATIVE_RELATIONS,
  huggingfaceCollector,
} from './huggingface/collector';
export {
  type CheckOptions,
  createLinkChecker,
  type LinkCheckContext,
  type LinkChecker,
} from './links/checker';
export { type GenericPageKind, genericPageKind } from './links/generic-page';
export {
  type LinkCheck,
  type LinkCheckStore,
  type LinkErrorKind,
  type LinkRedirect,
  type LinkStatus,
  linkKey,
  MemoryLinkCheckStore,
} from './links/types';
export {
  type ArchivedCopy,
  type ArchiveResult,
  archiveLink,
  canSaveSnapshots,
  findSnapshot,
  parseWaybackTimestamp,
  saveSnapshot,
  WaybackError,
  type WaybackErrorKind,
  withArchive,
} from './links/wayback';
export { openalexCollector } from './openalex/collector';
export { pypiCollector } from './pypi/collector';
export * from './types';
