/** Methodology versions and indicators (apps/api/src/modules/methodology/schema.graphql). */
import 'server-only';
import { graphql } from '@/graphql/generated';
import type {
  IndicatorFieldsFragment,
  MethodologiesQuery,
  MethodologyQuery,
  UploadMethodologyMutation,
} from '@/graphql/generated/graphql';
import { request } from '../graphql';
import type { SessionUser } from '../session-user';

type Caller = SessionUser | null;

export type IndicatorInfo = IndicatorFieldsFragment;
export type MethodologySummary = MethodologiesQuery['methodologies'][number];
export type MethodologyDetail = NonNullable<MethodologyQuery['methodology']>;
export type MethodologyDimension = MethodologyDetail['dimensions'][number];
export type UploadResult = UploadMethodologyMutation['uploadMethodology'];

graphql(`
  fragment IndicatorFields on Indicator {
    key name nameZh unit description
  }
`);

const METHODOLOGIES = graphql(`
  query Methodologies {
    methodologies { id version title createdAt documentHash }
  }
`);

const METHODOLOGY = graphql(`
  query Methodology($version: String) {
    methodology(version: $version) {
      id version title createdAt documentHash scale document
      indicators { ...IndicatorFields }
      dimensions { key name category indicators { key } }
    }
  }
`);

const INDICATORS = graphql(`
  query Indicators($dimension: String) {
    indicators(dimension: $dimension) { ...IndicatorFields }
  }
`);

const UPLOAD_METHODOLOGY = graphql(`
  mutation UploadMethodology($document: String!) {
    uploadMethodology(document: $document) {
      methodology { id version title createdAt documentHash }
      problems { path message }
    }
  }
`);

export async function listMethodologies(user: Caller): Promise<MethodologySummary[]> {
  const data = await request(METHODOLOGIES, {}, { user });
  return data.methodologies;
}

export async function getMethodology(
  user: Caller,
  version?: string | null,
): Promise<MethodologyDetail | null> {
  const data = await request(METHODOLOGY, { version: version ?? null }, { user });
  return data.methodology ?? null;
}

export async function listIndicators(user: Caller, dimension?: string | null): Promise<IndicatorInfo[]> {
  const data = await request(INDICATORS, { dimension: dimension ?? null }, { user });
  return data.indicators;
}

export async function uploadMethodology(user: SessionUser, document: string): Promise<UploadResult> {
  const data = await request(UPLOAD_METHODOLOGY, { document }, { user });
  return data.uploadMethodology;
}
