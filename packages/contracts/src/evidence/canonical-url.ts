/**
 * The canonical form of an evidence URL, stored beside it for duplicate detection (docs/data-model.md):
 * lower-case scheme and host, no fragment, no tracking parameters, no trailing slash, no default
 * port. Everything else (path case, the order of the remaining parameters) is kept: servers may
 * treat them as significant.
 */

export class InvalidUrlError extends Error {
  readonly code = 'INVALID_URL' as const;
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`invalid URL ${JSON.stringify(url)}: ${reason}`);
    this.name = 'InvalidUrlError';
  }
}

/** Query parameters that identify a campaign or referrer, not the resource. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'ref',
  'ref_src',
  'ref_url',
  'spm',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'si',
]);

const isTrackingParam = (name: string) => {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
};

const decodeParamName = (pair: string) => {
  const name = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(name.replaceAll('+', ' '));
  } catch {
    return name;
  }
};

/**
 * @throws {InvalidUrlError} when the text is not an absolute http(s) URL with a host.
 * @example canonicalizeUrl('HTTPS://GitHub.com/vllm-project/vllm/?utm_source=x#readme')
 *   // 'https://github.com/vllm-project/vllm'
 */
export function canonicalizeUrl(url: string): string {
  const text = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new InvalidUrlError(url, 'not an absolute URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidUrlError(url, `scheme ${parsed.protocol.replace(/:$/, '')} is not http or https`);
  }
  if (!parsed.hostname) throw new InvalidUrlError(url, 'no host');

  // WHATWG URL already lower-cases scheme and host and drops a default port.
  // Filter the raw pairs so the kept ones keep their original encoding and order.
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(decodeParamName(pair)));
  const query = kept.length > 0 ? `?${kept.join('&')}` : '';
  let path = parsed.pathname;
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (path === '/') path = '';
  const auth = parsed.username ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : '';
  return `${parsed.protocol}//${auth}${parsed.host}${path}${query}`;
}
