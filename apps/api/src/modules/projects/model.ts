/** The projects module's models shared with other modules. Types only. */
import type { ProjectCategory, ProjectStatus } from '@ranking/schema';

/** Which projects a list or a ranking page shows (`ProjectFilter` in the SDL); every field narrows. */
export interface ProjectFilter {
  category?: ProjectCategory | null | undefined;
  organization?: string | null | undefined;
  country?: string | null | undefined;
  search?: string | null | undefined;
  status?: ProjectStatus | null | undefined;
}
