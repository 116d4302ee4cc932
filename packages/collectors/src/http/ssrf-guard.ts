/**
 * The SSRF rule for server-side requests to user-supplied URLs (evidence links today; webhooks and
 * dispute attachments later): only http(s), and only to public addresses.
 *
 * A host name is resolved with `dns.lookup` (every address, as the system resolver answers) and the
 * request is refused when ANY of the addresses is not public: a name that also resolves to an
 * internal address is suspicious whatever the order. The addresses checked are the ones connected
 * to — see `guardedRequest` in ./guarded-request.ts, which hands them to Node's socket as its
 * `lookup` — so a DNS answer that changes between the check and the connection (DNS rebinding)
 * changes nothing.
 *
 * Address classes (IANA special-purpose registries, RFC 6890 and its updates):
 * - IPv4: 0.0.0.0/8 unspecified; 10/8, 172.16/12, 192.168/16 private (RFC 1918); 100.64/10 cgnat
 *   (RFC 6598); 127/8 loopback; 169.254.169.254 metadata (cloud instance metadata), the rest of
 *   169.254/16 link-local (RFC 3927); 224/4 multicast; 192.0.0/24, 192.0.2/24, 198.18/15,
 *   198.51.100/24, 203.0.113/24, 240/4 (with 255.255.255.255) reserved.
 * - IPv6: :: unspecified; ::1 loopback; fd00:ec2::254 metadata (AWS over IPv6), the rest of
 *   fc00::/7 private (unique-local, RFC 4193), and fec0::/10 (deprecated site-local) private;
 *   fe80::/10 link-local; ff00::/8 multicast; 2001:db8::/32, 100::/64, 2001::/32 (Teredo, whose
 *   IPv4 is obfuscated) reserved.
 * - IPv6 forms that carry an IPv4 address are classified by that address: IPv4-mapped
 *   ::ffff:a.b.c.d, IPv4-translated ::ffff:0:a.b.c.d (RFC 6145), IPv4-compatible ::a.b.c.d
 *   (deprecated), NAT64 64:ff9b::/96 (RFC 6052) and 64:ff9b:1::/48 (RFC 8215, last 32 bits), 6to4
 *   2002:AABB:CCDD::/48 (RFC 3056) — so ::ffff:127.0.0.1 is loopback and 64:ff9b::a00:1 private.
 */
import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unspecified'
  | 'multicast'
  | 'metadata'
  | 'reserved';

/** Subnets per class, checked in this order (metadata before the link-local range holding it). */
const RANGES: readonly [Exclude<AddressClass, 'public'>, 'ipv4' | 'ipv6', string, number][] = [
  ['metadata', 'ipv4', '169.254.169.254', 32],
  ['unspecified', 'ipv4', '0.0.0.0', 8],
  ['loopback', 'ipv4', '127.0.0.0', 8],
  ['private', 'ipv4', '10.0.0.0', 8],
  ['private', 'ipv4', '172.16.0.0', 12],
  ['private', 'ipv4', '192.168.0.0', 16],
  ['cgnat', 'ipv4', '100.64.0.0', 10],
  ['link-local', 'ipv4', '169.254.0.0', 16],
  ['multicast', 'ipv4', '224.0.0.0', 4],
  ['reserved', 'ipv4', '192.0.0.0', 24],
  ['reserved', 'ipv4', '192.0.2.0', 24],
  ['reserved', 'ipv4', '198.18.0.0', 15],
  ['reserved', 'ipv4', '198.51.100.0', 24],
  ['reserved', 'ipv4', '203.0.113.0', 24],
  ['reserved', 'ipv4', '240.0.0.0', 4],
  ['metadata', 'ipv6', 'fd00:ec2::254', 128],
  ['unspecified', 'ipv6', '::', 128],
  ['loopback', 'ipv6', '::1', 128],
  ['private', 'ipv6', 'fc00::', 7],
  ['private', 'ipv6', 'fec0::', 10],
  ['link-local', 'ipv6', 'fe80::', 10],
  ['multicast', 'ipv6', 'ff00::', 8],
  ['reserved', 'ipv6', '2001:db8::', 32],
  ['reserved', 'ipv6', '100::', 64],
  ['reserved', 'ipv6', '2001::', 32],
];

const LISTS = RANGES.map(([cls, family, network, prefix]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { cls, family, list };
});

/** The 16 bytes of an IPv6 address (any textual form Node accepts, IPv4 tail included). */
function ipv6Bytes(address: string): number[] {
  // The URL parser normalises every IPv6 form to compressed hex groups.
  const host = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = '', tail] = host.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const left = groups(head);
  const right = groups(tail);
  const words = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
export function embeddedIpv4(address: string): string | undefined {
  if (isIP(address) !== 6) return undefined;
  const b = ipv6Bytes(address);
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const dotted = (at: number) => b.slice(at, at + 4).join('.');
  const ffff = (at: number) => b[at] === 0xff && b[at + 1] === 0xff;
  if (zeros(0, 10) && ffff(10)) return dotted(12); // ::ffff:0:0/96, mapped
  if (zeros(0, 8) && ffff(8) && zeros(10, 12)) return dotted(12); // ::ffff:0:0:0/96, translated (RFC 6145)
  // ::/96, compatible, minus :: and ::1 which are classes of their own.
  if (zeros(0, 12) && !(zeros(12, 15) && (b[15] === 0 || b[15] === 1))) return dotted(12);
  const nat64 = b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b;
  if (nat64 && zeros(4, 12)) return dotted(12); // 64:ff9b::/96
  if (nat64 && b[4] === 0 && b[5] === 1) return dotted(12); // 64:ff9b:1::/48, local-use NAT64 (RFC 8215)
  if (b[0] === 0x20 && b[1] === 0x02) return dotted(2); // 2002::/16, 6to4
  return undefined;
}

/**
 * The class of an IP address (see the module comment for the ranges).
 * @throws {TypeError} when `address` is not an IP address.
 * @example classifyAddress('::ffff:127.0.0.1') // 'loopback'
 */
export function classifyAddress(address: string): AddressClass {
  const family = isIP(address);
  if (family === 0) throw new TypeError(`not an IP address: ${address}`);
  const inner = embeddedIpv4(address);
  if (inner !== undefined) return classifyAddress(inner);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { cls, family: f, list } of LISTS) {
    if (f === type && list.check(address, type)) return cls;
  }
  return 'public';
}

export type LookupAddress = { address: string; family: number };

/** `dns.lookup(hostname, { all: true })` as a promise; injectable so tests can map names. */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

export interface SsrfPolicy {
  /**
   * Lifts the address rule (never the scheme rule). For tests against servers on 127.0.0.1 only:
   * the environment flag `LINK_CHECK_ALLOW_PRIVATE=1` sets it and is refused in production.
   */
  allowPrivate?: boolean;
  /**
   * Exact addresses the address rule does not apply to, set in code, never from the environment
   * (a test server, an operator's own mirror). Every other address still has to be public.
   */
  exemptAddresses?: readonly string[];
  /** Name resolution; `dns.lookup` by default. */
  resolve?: ResolveHost;
}

export type SsrfRefusal = 'scheme' | 'address';

/** A URL the SSRF rule refuses; `message` says why (the scheme, or the address and its class). */
export class SsrfRefusedError extends Error {
  readonly reason: SsrfRefusal;
  readonly url: string;
  readonly address?: string;
  readonly addressClass?: AddressClass;

  constructor(url: string, reason: SsrfRefusal, message: string, address?: string, cls?: AddressClass) {
    super(message);
    this.name = 'SsrfRefusedError';
    this.url = url;
    this.reason = reason;
    if (address !== undefined) this.address = address;
    if (cls !== undefined) this.addressClass = cls;
  }
}

/** Name resolution failed (no such host, no answer): not a refusal, the host is unreachable. */
export class DnsError extends Error {
  readonly code: string;
  readonly hostname: string;

  constructor(hostname: string, code: string) {
    super(`cannot resolve ${hostname} (${code})`);
    this.name = 'DnsError';
    this.hostname = hostname;
    this.code = code;
  }
}

/** A URL's host name without the brackets of an IPv6 literal. */
export function bareHostname(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Checks a URL against the SSRF rule and returns the addresses to connect to (all of them
 * allowed). An IP literal is its own single address.
 * @throws {SsrfRefusedError} for a scheme other than http(s) or a non-public address.
 * @throws {DnsError} when the host name does not resolve.
 */
export async function resolveAllowed(input: string | URL, policy: SsrfPolicy = {}): Promise<LookupAddress[]> {
  const url = typeof input === 'string' ? new URL(input) : input;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SsrfRefusedError(url.href, 'scheme', `not an http(s) URL (${url.protocol.replace(/:$/, '')})`);
  }
  const hostname = bareHostname(url);
  let addresses: LookupAddress[];
  const family = isIP(hostname);
  if (family !== 0) {
    addresses = [{ address: hostname, family }];
  } else {
    try {
      addresses = await (policy.resolve ?? systemResolve)(hostname);
    } catch (error) {
      const code =
        error !== null && typeof error === 'object' && 'code' in error ? String(error.code) : 'ENOTFOUND';
      throw new DnsError(hostname, code);
    }
    if (addresses.length === 0) throw new DnsError(hostname, 'ENODATA');
  }
  if (policy.allowPrivate) return addresses;
  for (const { address } of addresses) {
    if (policy.exemptAddresses?.includes(address)) continue;
    const cls = classifyAddress(address);
    if (cls !== 'public') {
      const via = address === hostname ? '' : ` (${hostname} resolves to it)`;
      const article = /^[aeiou]/.test(cls) ? 'an' : 'a';
      throw new SsrfRefusedError(
        url.href,
        'address',
        `refused: ${address} is ${article} ${cls} address${via}`,
        address,
        cls,
      );
    }
  }
  return addresses;
}
