/** Bulk data resolvers: parse, call the import service, map the report. */
import { EvidenceImportStatus, type Resolvers } from '../../graphql/resolvers-types.generated';
import { importEvidence, textSource } from './import-service';

const STATUS = {
  imported: EvidenceImportStatus.Imported,
  'dry-run': EvidenceImportStatus.DryRun,
  refused: EvidenceImportStatus.Refused,
} as const;

export const resolvers: Resolvers = {
  Mutation: {
    importEvidence: async (_, args, ctx) => {
      const report = await importEvidence(ctx, textSource(args.csv), {
        dryRun: args.dryRun === true,
        approve: args.approve === true,
      });
      return { ...report, status: STATUS[report.status] };
    },
  },
};
