/** Methodology versions and indicators (apps/api/src/modules/methodology/schema.graphql). */
import 'server-only';
import { request } from '../graphql';
import type { SessionUser } from '../session-user';

type Caller = SessionUser | null;

export interface IndicatorInfo {
  key: string;
  name: string;
  nameZh: string | null;
  unit: string | null;
  description: string | null;
}

export interface MethodologySummary {
  id: string;
  version: string;
  title: string;
  createdAt: string;
  documentHash: string;
}

export interface MethodologyDimension {
  key: string;
  name: string;
  category: string | null;
  indicators: { key: string }[];
}

export interface MethodologyDetail extends MethodologySummary {
  scale: number;
  document: unknown;
  indicators: IndicatorInfo[];
  dimensions: MethodologyDimension[];
}

const INDICATOR = 'key name nameZh unit description';

export async function listMethodologies(user: Caller): Promise<MethodologySummary[]> {
  const data = await request<{ methodologies: MethodologySummary[] }>(
    'query Methodologies { methodologies { id version title createdAt documentHash } }',
    undefined,
    { user },
  );
  return data.methodologies;
}

export async function getMethodology(
  user: Caller,
  version?: string | null,
): Promise<MethodologyDetail | null> {
  const data = await request<{ methodology: MethodologyDetail | null }, { version: string | null }>(
    `query Methodology($version: String) {
      methodology(version: $version) {
        id version title createdAt documentHash scale document
        indicators { ${INDICATOR} }
        dimensions { key name category indicators { key } }
      }
    }`,
    { version: version ?? null },
    { user },
  );
  return data.methodology;
}

export async function listIndicators(user: Caller, dimension?: string | null): Promise<IndicatorInfo[]> {
  const data = await request<{ indicators: IndicatorInfo[] }, { dimension: string | null }>(
    `query Indicators($dimension: String) { indicators(dimension: $dimension) { ${INDICATOR} } }`,
    { dimension: dimension ?? null },
    { user },
  );
  return data.indicators;
}

export interface UploadResult {
  methodology: MethodologySummary | null;
  problems: { path: string; message: string }[];
}

export async function uploadMethodology(user: SessionUser, document: string): Promise<UploadResult> {
  const data = await request<{ uploadMethodology: UploadResult }, { document: string }>(
    `mutation UploadMethodology($document: String!) {
      uploadMethodology(document: $document) {
        methodology { id version title createdAt documentHash }
        problems { path message }
      }
    }`,
    { document },
    { user },
  );
  return data.uploadMethodology;
}
