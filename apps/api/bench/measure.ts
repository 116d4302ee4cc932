/** Small helpers shared by the benchmark modules: statistics, number formatting, autocannon. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const log = (line: string) => process.stderr.write(`${line}\n`);

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** One autocannon run: mean requests/s, latency percentiles in ms, failures. */
export interface Cannon {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export function autocannon(args: string[]): Promise<Cannon> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(ROOT, 'node_modules/autocannon/autocannon.js'), '--json', ...args],
      { maxBuffer: 1 << 26 },
      (error, stdout) => {
        if (error) return reject(error);
        const r = JSON.parse(stdout) as {
          requests: { average: number };
          latency: { p50: number; p99: number };
          errors: number;
          non2xx: number;
        };
        resolve({
          rps: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          errors: r.errors,
          non2xx: r.non2xx,
        });
      },
    );
  });
}

/** Medians of rps and latencies over runs; failures summed. */
export const medianCannon = (xs: Cannon[]): Cannon => ({
  rps: median(xs.map((x) => x.rps)),
  p50: median(xs.map((x) => x.p50)),
  p99: median(xs.map((x) => x.p99)),
  errors: xs.reduce((s, x) => s + x.errors, 0),
  non2xx: xs.reduce((s, x) => s + x.non2xx, 0),
});

export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}
