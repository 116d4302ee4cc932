/** Building observations and findings with their provenance. */
import { type HttpClient, HttpError } from './http/client';
import type {
  CollectedIndicator,
  CollectorSource,
  EvidenceSourceKind,
  Finding,
  Observation,
  Provenance,
  ResponseRecord,
  SourceIdentifier,
} from './types';

export interface CollectorMeta {
  source: CollectorSource;
  version: string;
}

/** Drops HTTP-only fields, keeps the record the caller stores. */
function record(r: ResponseRecord): ResponseRecord {
  return {
    requestUrl: r.requestUrl,
    requestMethod: r.requestMethod,
    ...(r.requestBody !== undefined ? { requestBody: r.requestBody } : {}),
    responseStatus: r.responseStatus,
    responseSha256: r.responseSha256,
    responseBody: r.responseBody,
    retrievedAt: r.retrievedAt,
  };
}

export function provenanceOf(
  meta: CollectorMeta,
  responses: readonly ResponseRecord[],
  repositories?: readonly string[],
): Provenance {
  const unique = [...new Set(responses)];
  const first = unique[0];
  if (!first) throw new Error('an observation needs at least one response');
  return {
    ...record(first),
    collector: meta.source,
    collectorVersion: meta.version,
    ...(repositories && repositories.length > 0 ? { repositories: [...repositories] } : {}),
    ...(unique.length > 1 ? { responses: unique.map(record) } : {}),
  };
}

export interface ObservationInput {
  project: string;
  indicator: CollectedIndicator;
  value: number;
  sourceUrl: string;
  sourceKind: EvidenceSourceKind;
  window?: string;
  note?: string;
  details?: Record<string, number | string>;
}

export function makeObservation(
  meta: CollectorMeta,
  input: ObservationInput,
  responses: readonly ResponseRecord[],
  repositories?: readonly string[],
): Observation {
  const provenance = provenanceOf(meta, responses, repositories);
  return {
    type: 'observation',
    ...input,
    observedAt: provenance.retrievedAt.toISOString().slice(0, 10),
    provenance,
  };
}

export function makeFinding(
  meta: CollectorMeta,
  project: string,
  identifier: SourceIdentifier,
  kind: Finding['kind'],
  message: string,
  extra: Partial<Pick<Finding, 'indicator' | 'renamedTo' | 'requestUrl' | 'responseStatus'>> = {},
): Finding {
  return { type: 'finding', project, source: meta.source, identifier, kind, message, ...extra };
}

/**
 * The finding for a failed request or an unexpected answer. Cancellation is not a finding: the
 * signal's reason is rethrown so the whole run stops.
 */
export function errorFinding(
  meta: CollectorMeta,
  client: HttpClient,
  project: string,
  identifier: SourceIdentifier,
  error: unknown,
  signal: AbortSignal | undefined,
): Finding {
  if (signal?.aborted) throw signal.reason;
  if (error instanceof HttpError) {
    return makeFinding(meta, project, identifier, 'error', client.redact(error.message), {
      requestUrl: error.url,
      ...(error.status !== undefined ? { responseStatus: error.status } : {}),
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return makeFinding(meta, project, identifier, 'error', client.redact(message));
}
