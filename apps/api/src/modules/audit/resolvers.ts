/** Audit log resolvers. */
import type { Resolvers } from '../../graphql/resolvers-types.generated';
import { listAuditLog } from './service';

export const resolvers: Resolvers = {
  Query: {
    auditLog: (_, args, ctx) => listAuditLog(ctx, args.filter ?? {}, args),
  },
  AuditEntry: {
    id: (e) => String(e.id),
  },
};
