/** Bulk data resolvers: parse, call the import service, map the report. */
import { badInput } from '../../errors';
import { EvidenceImportStatus, type Resolvers } from '../../graphql/resolvers-types.generated';
import { FILE_DESCRIPTIONS } from './data-package';
import { EXPORT_FILES } from './export-service';
import { importEvidence, textSource } from './import-service';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The file from whichever argument carries it: its text, or its bytes in base64 (not decoded here). */
function sourceOf(args: { csv?: string | null; csvBase64?: string | null }): AsyncGenerator<Uint8Array> {
  const hasText = typeof args.csv === 'string';
  const hasBytes = typeof args.csvBase64 === 'string';
  if (hasText === hasBytes) throw badInput('csv', 'Give the file as exactly one of csv or csvBase64');
  if (typeof args.csvBase64 === 'string') {
    if (!BASE64.test(args.csvBase64)) throw badInput('csvBase64', 'csvBase64 is not base64');
    return bytesSource(Buffer.from(args.csvBase64, 'base64'));
  }
  return textSource(args.csv ?? '');
}

async function* bytesSource(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

const STATUS = {
  imported: EvidenceImportStatus.Imported,
  'dry-run': EvidenceImportStatus.DryRun,
  refused: EvidenceImportStatus.Refused,
} as const;

export const resolvers: Resolvers = {
  Edition: {
    downloads: (e) =>
      e.status !== 'published'
        ? []
        : [...EXPORT_FILES, 'manifest.json' as const].map((file) => ({
            file,
            path: `/editions/${e.year}/export/${file}?revision=${e.revision}`,
            description: FILE_DESCRIPTIONS[file] ?? file,
          })),
  },
  Mutation: {
    importEvidence: async (_, args, ctx) => {
      const report = await importEvidence(ctx, sourceOf(args), {
        dryRun: args.dryRun === true,
        approve: args.approve === true,
      });
      return { ...report, status: STATUS[report.status] };
    },
  },
};
