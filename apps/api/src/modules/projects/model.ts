/** The projects module's models shared with other modules (codegen maps `Project` here). Types only. */
import type { ProjectCategory, ProjectStatus } from '@ranking/schema';

/** Which projects a list or a ranking page shows (`ProjectFilter` in the SDL); every field narrows. */
export interface ProjectFilter {
  category?: ProjectCategory | null | undefined;
  organization?: string | null | undefined;
  country?: string | null | undefined;
  search?: string | null | undefined;
  status?: ProjectStatus | null | undefined;
}

export interface ProjectRow {
  id: number;
  slug: string;
  name: string;
  nameZh: string | null;
  category: ProjectCategory;
  repositoryUrl: string | null;
  huggingfaceUrl: string | null;
  homepageUrl: string | null;
  license: string | null;
  firstRelease: string | null;
  status: ProjectStatus;
}
