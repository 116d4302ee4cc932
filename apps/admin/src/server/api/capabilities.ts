/**
 * Optional API features, detected by introspection once per process, so the admin app works against
 * an API that has not grown them yet (e.g. filtering evidence by dimension).
 */
import 'server-only';
import { request } from '../graphql';

let evidenceFilterFields: Promise<Set<string>> | null = null;

async function loadEvidenceFilterFields(): Promise<Set<string>> {
  const data = await request<{ __type: { inputFields: { name: string }[] | null } | null }>(
    'query EvidenceFilterFields { __type(name: "EvidenceFilter") { inputFields { name } } }',
  );
  return new Set((data.__type?.inputFields ?? []).map((f) => f.name));
}

/** The name of the EvidenceFilter field that narrows by dimension, if the API has one. */
export async function evidenceDimensionFilterField(): Promise<'dimension' | 'category' | null> {
  evidenceFilterFields ??= loadEvidenceFilterFields().catch(() => {
    evidenceFilterFields = null;
    return new Set<string>();
  });
  const fields = await evidenceFilterFields;
  if (fields.has('dimension')) return 'dimension';
  if (fields.has('category')) return 'category';
  return null;
}
