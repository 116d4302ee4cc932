/** Project contacts (apps/api/src/modules/disputes/schema.graphql): staff only, never public. */
import 'server-only';
import { graphql } from '@/graphql/generated';
import type { ProjectContactsQuery } from '@/graphql/generated/graphql';
import { request } from '../graphql';
import type { SessionUser } from '../session-user';

export type ProjectContact = NonNullable<ProjectContactsQuery['project']>['contacts'][number];

const PROJECT_CONTACTS = graphql(`
  query ProjectContacts($slug: String!) {
    project(slug: $slug) { contacts { id email name createdAt } }
  }
`);

const SET_PROJECT_CONTACTS = graphql(`
  mutation SetProjectContacts($project: String!, $contacts: [ProjectContactInput!]!) {
    setProjectContacts(project: $project, contacts: $contacts) { contacts { id email name createdAt } }
  }
`);

/** The project's contacts (scope `evidence:write`). */
export async function getProjectContacts(user: SessionUser, slug: string): Promise<ProjectContact[]> {
  const data = await request(PROJECT_CONTACTS, { slug }, { user });
  return data.project?.contacts ?? [];
}

/** Makes the project's contacts exactly these (`setProjectContacts`); returns them as stored. */
export async function setProjectContacts(
  user: SessionUser,
  slug: string,
  contacts: { email: string; name: string | null }[],
): Promise<ProjectContact[]> {
  const data = await request(SET_PROJECT_CONTACTS, { project: slug, contacts }, { user });
  return data.setProjectContacts.contacts;
}
