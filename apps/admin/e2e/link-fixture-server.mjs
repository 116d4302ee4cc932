/**
 * The web the e2e link checks see (node e2e/link-fixture-server.mjs PORT), on 127.0.0.1 only:
 * - `/gone/…` answers 404 (a BROKEN link); every other path answers 200;
 * - `/wayback/available?url=URL` answers like the Wayback Machine's availability API
 *   (https://archive.org/help/wayback_api.php) with a 2xx snapshot of URL at `/web/20260102030405/URL`
 *   on this server, so the archived copy opens.
 */
import http from 'node:http';

const port = Number(process.argv[2]);
const base = `http://127.0.0.1:${port}`;

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', base);
  if (url.pathname === '/wayback/available') {
    const target = url.searchParams.get('url') ?? '';
    const timestamp = '20260102030405';
    const body = {
      url: target,
      archived_snapshots: {
        closest: { available: true, status: '200', timestamp, url: `${base}/web/${timestamp}/${target}` },
      },
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
    return;
  }
  if (url.pathname.startsWith('/gone/')) {
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end(req.method === 'HEAD' ? undefined : '<!doctype html><title>Not found</title><h1>Not found</h1>');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(
    req.method === 'HEAD'
      ? undefined
      : `<!doctype html><title>Page</title><p>Archived or live page ${url.pathname}</p>`,
  );
});

server.listen(port, '127.0.0.1');
