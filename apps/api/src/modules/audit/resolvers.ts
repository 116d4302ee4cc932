/** Audit log resolvers. */
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import { connectionResolvers } from '../../lib/pagination';
import { listAuditLog } from './service';

export const resolvers: Resolvers = {
  AuditEntryConnection: connectionResolvers,
  Query: {
    auditLog: (_, args, ctx) => listAuditLog(ctx, args.filter ?? {}, args),
  },
};
