import type { Locale } from '@/i18n/locale';
import type { Translate } from '@/i18n/translate';
import type { EditionDetail } from '@/server/api/editions';
import type { SessionUser } from '@/server/session-user';

/** The admin edition page's views (`?view=`), one file each. */
export const VIEWS = ['ranking', 'compare', 'stability', 'shares'] as const;
export type View = (typeof VIEWS)[number];

/** What every view gets from the page. */
export interface ViewProps {
  edition: EditionDetail;
  dimension: string;
  user: SessionUser;
  locale: Locale;
  t: Translate;
  base: string;
  after: string | undefined;
}
