/**
 * Downloads of published editions: `GET /editions/YEAR/export/FILE[?revision=N]` where FILE is
 * methodology.json, projects.csv, evidence.csv, results.csv or manifest.json (DESIGN §9's export,
 * served over HTTP). Published editions never change, so each export is generated once into a cache
 * directory (keyed by edition id and content hash) and served with a strong ETag — the file's
 * SHA-256 from the manifest — and `If-None-Match` → 304. Drafts and computed editions are not served.
 */
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { anonymousActor } from '../auth/actor';
import { type AppDeps, createServiceContext } from '../context';
import { EXPORT_FILES, type ExportManifest, exportEdition } from '../modules/bulk/export-service';
import { getEdition } from '../modules/editions/service';

const PATH = /^\/editions\/(\d{4})\/export\/([a-z]+\.(?:csv|json))$/;
const FILES: readonly string[] = [...EXPORT_FILES, 'manifest.json'];

/** Exports being generated, so concurrent first requests share one generation. */
const inProgress = new Map<string, Promise<string>>();

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
  });
  res.end(text);
}

export function isDownloadPath(pathname: string): boolean {
  return pathname.startsWith('/editions/');
}

export async function handleDownload(
  deps: AppDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  cacheRoot: string = join(tmpdir(), 'ranking-exports'),
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    res.end();
    return;
  }
  const match = PATH.exec(url.pathname);
  const file = match?.[2];
  if (!match || !file || !FILES.includes(file)) {
    send(res, 404, { error: 'not found', files: FILES });
    return;
  }
  const revisionText = url.searchParams.get('revision');
  const revision = revisionText === null ? null : Number(revisionText);
  if (revision !== null && (!Number.isInteger(revision) || revision < 1)) {
    send(res, 400, { error: 'revision must be a positive integer' });
    return;
  }
  const ctx = createServiceContext(deps, anonymousActor());
  const edition = await getEdition(ctx, Number(match[1]), revision);
  const contentHash = edition?.status === 'published' ? edition.contentHash : null;
  if (!edition || !contentHash) {
    send(res, 404, { error: 'no published edition' });
    return;
  }
  const key = `${edition.id}-${contentHash}`;
  const dir = join(cacheRoot, key);
  if (!existsSync(join(dir, 'manifest.json'))) {
    let pending = inProgress.get(key);
    if (!pending) {
      pending = (async () => {
        mkdirSync(cacheRoot, { recursive: true });
        const work = mkdtempSync(join(cacheRoot, '.tmp-'));
        try {
          await exportEdition(ctx, edition, work);
          if (!existsSync(dir)) renameSync(work, dir);
        } finally {
          rmSync(work, { recursive: true, force: true });
          inProgress.delete(key);
        }
        return dir;
      })();
      inProgress.set(key, pending);
    }
    await pending;
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ExportManifest;
  const path = join(dir, file);
  const sha = file === 'manifest.json' ? null : manifest.files[file]?.sha256;
  const etag = `"${sha ?? `${manifest.contentHash}-manifest`}"`;
  const headers: Record<string, string> = {
    etag,
    // A pinned revision never changes; the year's default revision moves with corrections.
    'cache-control': revision === null ? 'public, max-age=300' : 'public, max-age=31536000, immutable',
    vary: 'Accept-Encoding',
  };
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, {
    ...headers,
    'content-type': file.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    'content-length': String(statSync(path).size),
    'content-disposition': `attachment; filename="edition-${edition.year}-r${edition.revision}-${file}"`,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(path), res);
}
