/**
 * `ranking keys documents add|list|remove` (docs/graphql-guide.md, "Trusted documents"): a key's
 * trusted documents, through the same service as the admin's mutations (audited as `system:cli`).
 */
import { readFileSync } from 'node:fs';
import { bootstrap, closeDeps } from '../app';
import { type AppDeps, createSystemContext } from '../context';
import type { Env } from '../env';
import { AppError } from '../errors';
import {
  listTrustedDocuments,
  registerTrustedDocument,
  removeTrustedDocument,
} from '../modules/api-keys/documents';
import { intArg, UsageError } from './args';
import { command } from './command';

const out = (line = '') => process.stdout.write(`${line}\n`);

async function withDeps(env: Env, work: (deps: AppDeps) => Promise<number>): Promise<number> {
  const deps = await bootstrap(env);
  try {
    return await work(deps);
  } catch (error) {
    // A bad argument found by the service (an unknown key, a document that does not validate): exit 2.
    if (error instanceof AppError && (error.code === 'BAD_USER_INPUT' || error.code === 'NOT_FOUND'))
      throw new UsageError(error.message + (error.field ? ` (${error.field})` : ''));
    throw error;
  } finally {
    await closeDeps(deps);
  }
}

const keyIdOf = (value: string | undefined) => {
  if (value === undefined) throw new UsageError('Missing --key KEY_ID');
  const id = intArg(value, '--key');
  if (id < 1) throw new UsageError('--key must be a key id (≥ 1)');
  return id;
};

export const keysDocumentsAdd = command(
  {
    usage: 'keys documents add --key KEY_ID FILE.graphql [--name NAME]',
    summary: "register the file's document as a trusted document of the key; prints its SHA-256",
    positionals: ['FILE.graphql'],
    options: { key: 'string', name: 'string' },
  },
  async ({ positionals: [file = ''], options }, env) => {
    const apiKeyId = keyIdOf(options.key);
    let document: string;
    try {
      document = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    return withDeps(env, async (deps) => {
      const row = await registerTrustedDocument(createSystemContext(deps, 'keys documents'), {
        apiKeyId,
        document,
        name: options.name ?? null,
      });
      process.stderr.write(`Registered "${row.name}" for key ${apiKeyId}.\n`);
      out(row.hash);
      return 0;
    });
  },
);

export const keysDocumentsList = command(
  {
    usage: 'keys documents list --key KEY_ID',
    summary: "the key's trusted documents: SHA-256, registration time and name, one a line",
    positionals: [],
    options: { key: 'string' },
  },
  async ({ options }, env) => {
    const apiKeyId = keyIdOf(options.key);
    return withDeps(env, async (deps) => {
      const rows = await listTrustedDocuments(createSystemContext(deps, 'keys documents'), apiKeyId);
      for (const row of rows) out(`${row.hash}  ${row.createdAt.toISOString()}  ${row.name}`);
      if (rows.length === 0) process.stderr.write(`Key ${apiKeyId} has no trusted documents.\n`);
      return 0;
    });
  },
);

export const keysDocumentsRemove = command(
  {
    usage: 'keys documents remove --key KEY_ID --hash SHA256',
    summary: 'remove a trusted document of the key',
    positionals: [],
    options: { key: 'string', hash: 'string' },
  },
  async ({ options }, env) => {
    const apiKeyId = keyIdOf(options.key);
    if (options.hash === undefined) throw new UsageError('Missing --hash SHA256');
    const hash = options.hash;
    return withDeps(env, async (deps) => {
      const row = await removeTrustedDocument(createSystemContext(deps, 'keys documents'), apiKeyId, hash);
      out(`Removed "${row.name}" (${row.hash}) from key ${apiKeyId}.`);
      return 0;
    });
  },
);
