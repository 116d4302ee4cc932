/** Evidence link health resolvers: `Evidence.link` and the broken-links queue. */
import {
  type EvidenceLink,
  LinkStatus as GraphQLLinkStatus,
  type Resolvers,
} from '../../graphql/resolvers-types.generated';
import * as links from './service';

const STATUS: Record<links.EvidenceLinkModel['status'], GraphQLLinkStatus> = {
  OK: GraphQLLinkStatus.Ok,
  REDIRECTED: GraphQLLinkStatus.Redirected,
  BROKEN: GraphQLLinkStatus.Broken,
  UNREACHABLE: GraphQLLinkStatus.Unreachable,
  UNCHECKED: GraphQLLinkStatus.Unchecked,
};
const FROM_GRAPHQL = Object.fromEntries(Object.entries(STATUS).map(([k, v]) => [v, k])) as Record<
  GraphQLLinkStatus,
  links.EvidenceLinkModel['status']
>;

const toGraphQL = (link: links.EvidenceLinkModel): EvidenceLink => ({ ...link, status: STATUS[link.status] });

export const resolvers: Resolvers = {
  Query: {
    brokenLinks: async (_, args, ctx) => {
      const page = await links.listBrokenLinks(ctx, {
        statuses: args.statuses?.map((s) => FROM_GRAPHQL[s]) ?? null,
        first: args.first ?? null,
        offset: args.offset ?? null,
      });
      return {
        totalCount: page.totalCount,
        nodes: page.nodes.map((n) => ({ ...n, link: toGraphQL(n.link) })),
        edition: page.editionId === null ? null : await ctx.loaders.editionById.load(page.editionId),
      };
    },
  },
  Evidence: {
    link: async (e, _, ctx) => toGraphQL(await links.getEvidenceLink(ctx, e.id)),
  },
};
