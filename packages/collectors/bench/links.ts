/**
 * The link checker at scale (part of `npm run bench -w @ranking/collectors`): LINKS links spread over
 * HOSTS local hosts (one HTTP server per loopback address, 127.0.0.1 … 127.0.0.HOSTS, each answering
 * 200 at once), checked with a per-host limit of `linkCheckHostConcurrency` requests in flight and
 * `linkCheckHostDelayMs` between an answer and the next request to that host. Measured from the
 * servers' side: the most requests any host had in flight, the shortest gap between two arrivals at
 * one host, and the total time against what the limits allow — a host with n links cannot be done
 * sooner than (n − 1) × the delay (target: within 10 %).
 */
import { performance } from 'node:perf_hooks';
import { collectorConfig, createLinkChecker, systemClock } from '../src/index';
import { type LinkServer, startLinkServer } from '../test/link-server';

export interface LinksBench {
  links: number;
  hosts: number;
  hostConcurrency: number;
  delayMs: number;
  seconds: number;
  allowedSeconds: number;
  maxInFlight: number;
  minGapMs: number;
  ok: number;
  peakRssMiB: number;
}

export async function benchLinks(links: number, hosts: number, delayMs: number): Promise<LinksBench> {
  const servers: LinkServer[] = [];
  for (let h = 1; h <= hosts; h++)
    servers.push(
      await startLinkServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
      }, `127.0.0.${h}`),
    );
  try {
    // Link i goes to host i mod HOSTS, so every host gets its share from the start of the list.
    const urls = Array.from({ length: links }, (_, i) => `${servers[i % hosts]?.origin}/evidence/${i}`);
    const hostConcurrency = 2;
    const checker = createLinkChecker({
      config: collectorConfig({
        linkCheckAllowPrivate: true,
        linkCheckHostConcurrency: hostConcurrency,
        linkCheckHostDelayMs: delayMs,
        // Enough links at once that the per-host limits, not the global one, decide the pace.
        linkCheckConcurrency: hosts * hostConcurrency * 2,
        linkCheckTimeoutMs: 30_000,
      }),
      clock: systemClock,
      log: () => {},
    });
    const started = performance.now();
    const results = await checker.checkMany(urls);
    const seconds = (performance.now() - started) / 1000;
    let minGapMs = Number.POSITIVE_INFINITY;
    let busiest = 0;
    for (const server of servers) {
      busiest = Math.max(busiest, server.arrivals.length);
      const times = server.arrivals.map((a) => a.at).sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++)
        minGapMs = Math.min(minGapMs, (times[i] as number) - (times[i - 1] as number));
    }
    return {
      links,
      hosts,
      hostConcurrency,
      delayMs,
      seconds,
      allowedSeconds: ((busiest - 1) * delayMs) / 1000,
      maxInFlight: Math.max(...servers.map((s) => s.maxInFlight)),
      minGapMs,
      ok: results.filter((r) => r.status === 'OK').length,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function linksMarkdown(r: LinksBench): string[] {
  const ratio = r.seconds / r.allowedSeconds;
  return [
    '### Link checks against per-host limits',
    '',
    `${fmt(r.links)} links over ${r.hosts} local hosts (one server per loopback address, each answering 200 at once), checked by \`createLinkChecker\` with at most ${r.hostConcurrency} requests in flight per host and ${r.delayMs} ms between an answer and the next request to that host; measured at the servers. A host with n links cannot be done sooner than (n − 1) × ${r.delayMs} ms.`,
    '',
    '| links | hosts | most in flight at one host (limit) | shortest gap between arrivals at one host (limit) | links OK | wall s | allowed by the limits s | wall / allowed (target ≤ 1.10) | peak RSS MiB |',
    '| --: | --: | --- | --- | --: | --: | --: | --- | --: |',
    `| ${fmt(r.links)} | ${r.hosts} | ${r.maxInFlight} (${r.hostConcurrency}: ${r.maxInFlight <= r.hostConcurrency ? 'kept' : 'exceeded'}) | ${fmt(r.minGapMs, 1)} ms (${r.delayMs} ms: ${r.minGapMs >= r.delayMs - 1 ? 'kept' : 'not kept'}) | ${fmt(r.ok)} | ${fmt(r.seconds, 1)} | ${fmt(r.allowedSeconds, 1)} | ${fmt(ratio, 2)} (${ratio <= 1.1 ? 'met' : 'not met'}) | ${fmt(r.peakRssMiB)} |`,
  ];
}

if (process.argv[1]?.endsWith('links.ts')) {
  const result = await benchLinks(
    Number(process.env.LINKS ?? 100_000),
    Number(process.env.HOSTS ?? 50),
    Number(process.env.DELAY_MS ?? 50),
  );
  console.log(linksMarkdown(result).join('\n'));
}
