/** The reviewers' queue of broken evidence links (apps/api/src/modules/links/schema.graphql). */
import 'server-only';
import { graphql } from '@/graphql/generated';
import type { BrokenLinksQuery, LinkStatus as LinkStatusEnum } from '@/graphql/generated/graphql';
import { enumValues } from '@/lib/enum-values';
import { request } from '../graphql';
import type { SessionUser } from '../session-user';

export type LinkStatus = LinkStatusEnum;
export const LINK_STATUSES = enumValues<LinkStatus>()(
  'OK',
  'REDIRECTED',
  'BROKEN',
  'UNREACHABLE',
  'UNCHECKED',
);

export type BrokenLinkPage = BrokenLinksQuery['brokenLinks'];

const BROKEN_LINKS = graphql(`
  query BrokenLinks($statuses: [LinkStatus!], $first: Int, $offset: Int) {
    brokenLinks(statuses: $statuses, first: $first, offset: $offset) {
      totalCount
      edition { id year revision }
      nodes {
        dependence error errorKind
        link { status httpStatus finalUrl checkedAt archivedUrl archivedAt }
        evidence {
          id sourceUrl observedAt
          project { slug name nameZh }
          indicator { key name nameZh }
        }
      }
    }
  }
`);

/** Evidence whose link's latest check has one of `statuses` (the API's default: BROKEN), most depended-on first. */
export async function listBrokenLinks(
  user: SessionUser,
  statuses: LinkStatus[] | null,
  first: number,
  offset: number,
): Promise<BrokenLinkPage> {
  const data = await request(BROKEN_LINKS, { statuses, first, offset }, { user });
  return data.brokenLinks;
}
