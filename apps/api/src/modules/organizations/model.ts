/** The organizations module's models shared with other modules (codegen maps `Organization` here). Types only. */
import type { OrganizationKind } from '@ranking/schema';

export interface OrganizationRow {
  id: number;
  slug: string;
  name: string;
  nameZh: string | null;
  country: string | null;
  kind: OrganizationKind;
  url: string | null;
}
