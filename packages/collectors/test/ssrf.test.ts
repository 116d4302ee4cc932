/**
 * The SSRF rule: the address classifier as a pure function (expected classes from the IANA IPv4 and
 * IPv6 special-purpose address registries, RFC 1918, 4193, 3927, 6598, 6052, 3056), and
 * `guardedRequest` against real servers on loopback WITHOUT allowPrivate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AddressClass,
  CollectorConfigError,
  classifyAddress,
  collectorConfigFromEnv,
  embeddedIpv4,
  GuardedRequestError,
  guardedRequest,
  type ResolveHost,
  SsrfRefusedError,
} from '../src/index';
import { type LinkServer, startLinkServer } from './link-server';

const EXPECTED: Record<AddressClass, string[]> = {
  public: [
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '11.0.0.1',
    '172.15.255.255', // just below 172.16/12
    '172.32.0.1', // just above it
    '100.63.255.255', // just below 100.64/10
    '100.128.0.1', // just above it
    '169.253.255.255',
    '192.169.0.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82a::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808', // NAT64 of 8.8.8.8
    '2002:808:808::1', // 6to4 of 8.8.8.8
  ],
  loopback: [
    '127.0.0.1',
    '127.1.2.3',
    '127.255.255.254',
    '::1',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '0:0:0:0:0:ffff:7f00:0001',
    '::127.0.0.1', // IPv4-compatible
    '::ffff:0:127.0.0.1', // IPv4-translated
    '64:ff9b::7f00:1',
  ],
  private: [
    '10.0.0.1',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.1',
    '192.168.255.255',
    'fc00::1',
    'fd12:3456:789a::1',
    'fec0::1',
    '::ffff:10.0.0.1',
    '::ffff:192.168.1.1',
    '64:ff9b::a00:1',
    '64:ff9b:1::c0a8:101',
    '2002:c0a8:101::1', // 6to4 of 192.168.1.1
  ],
  'link-local': [
    '169.254.0.1',
    '169.254.170.2',
    '169.254.255.255',
    'fe80::1',
    'febf:ffff::1',
    '::ffff:169.254.1.1',
  ],
  metadata: ['169.254.169.254', 'fd00:ec2::254', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe'],
  cgnat: ['100.64.0.1', '100.100.100.200', '100.127.255.255', '::ffff:100.64.0.1'],
  unspecified: ['0.0.0.0', '0.1.2.3', '::', '::ffff:0.0.0.0', '::2'],
  multicast: ['224.0.0.1', '239.255.255.250', 'ff02::1', 'ff05::1:3', '::ffff:224.0.0.251'],
  reserved: [
    '240.0.0.1',
    '255.255.255.255',
    '192.0.2.1',
    '198.51.100.7',
    '203.0.113.9',
    '198.18.0.1',
    '198.19.255.255',
    '192.0.0.8',
    '2001:db8::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo
    '100::1',
  ],
};

describe('classifyAddress', () => {
  for (const [cls, addresses] of Object.entries(EXPECTED)) {
    it(`${cls}: ${addresses.join(', ')}`, () => {
      expect(addresses.map((a) => [a, classifyAddress(a)])).toEqual(addresses.map((a) => [a, cls]));
    });
  }

  it('throws on text that is not an address', () => {
    expect(() => classifyAddress('localhost')).toThrow(TypeError);
  });

  it('reads the IPv4 address inside IPv6 forms', () => {
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('64:ff9b::a9fe:a9fe')).toBe('169.254.169.254');
    expect(embeddedIpv4('2002:a00:1::')).toBe('10.0.0.1');
    expect(embeddedIpv4('2606:4700::1111')).toBeUndefined();
    expect(embeddedIpv4('::1')).toBeUndefined();
  });
});

const servers: LinkServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(address = '127.0.0.1', port = 0) {
  const server = await startLinkServer(
    (req, res) => {
      res.writeHead(200, { 'x-host': req.headers.host ?? '' });
      res.end(address);
    },
    address,
    port,
  );
  servers.push(server);
  return server;
}
const request = (url: string, extra: Parameters<typeof guardedRequest>[1]['policy'] = {}) =>
  guardedRequest(url, { timeoutMs: 5_000, maxBodyBytes: 1024, policy: extra });

async function refusal(promise: Promise<unknown>): Promise<SsrfRefusedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SsrfRefusedError);
  return error as SsrfRefusedError;
}

describe('guardedRequest without allowPrivate', () => {
  it('refuses loopback, private, metadata and mapped addresses, and names resolving to them, sending nothing', async () => {
    const server = await serve();
    const port = server.port;
    const cases: [string, AddressClass][] = [
      [`http://127.0.0.1:${port}/`, 'loopback'],
      [`http://localhost:${port}/`, 'loopback'], // the system resolver
      [`http://2130706433:${port}/`, 'loopback'], // 127.0.0.1 as one number
      [`http://0x7f.1:${port}/`, 'loopback'],
      [`http://[::1]:${port}/`, 'loopback'],
      [`http://[::ffff:127.0.0.1]:${port}/`, 'loopback'],
      ['http://10.1.2.3/', 'private'],
      ['http://192.168.1.1/admin', 'private'],
      ['http://169.254.169.254/latest/meta-data/', 'metadata'],
      ['http://[fd00:ec2::254]/latest/meta-data/', 'metadata'],
      ['http://100.64.1.1/', 'cgnat'],
      ['http://0.0.0.0/', 'unspecified'],
    ];
    for (const [url, cls] of cases) {
      const error = await refusal(request(url));
      expect([url, error.reason, error.addressClass]).toEqual([url, 'address', cls]);
    }
    expect(server.arrivals).toEqual([]);
  });

  it('refuses a name when any of its addresses is not public', async () => {
    const resolve: ResolveHost = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    const error = await refusal(request('https://mixed.test/', { resolve }));
    expect(error.message).toBe('refused: 10.0.0.7 is a private address (mixed.test resolves to it)');
  });

  it('refuses schemes other than http(s)', async () => {
    for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1:70/', 'ftp://example.org/']) {
      expect((await refusal(request(url))).reason).toBe('scheme');
    }
  });

  it('an exempt address is let through, and only that address', async () => {
    const server = await serve();
    const response = await request(`${server.origin}/`, { exemptAddresses: ['127.0.0.1'] });
    expect(response.status).toBe(200);
    await refusal(request(`http://127.0.0.2:${server.port}/`, { exemptAddresses: ['127.0.0.1'] }));
  });
});

describe('guardedRequest connects to the address it checked', () => {
  it('a name whose DNS answer changes after the check still reaches the checked address', async () => {
    const checked = await serve('127.0.0.1');
    const rebound = await serve('127.0.0.2', checked.port);
    let answers = 0;
    // First answer: the address that passes the check; every later one: somewhere else.
    const resolve: ResolveHost = async () => [
      { address: answers++ === 0 ? '127.0.0.1' : '127.0.0.2', family: 4 },
    ];
    const response = await request(`http://rebind.test:${checked.port}/`, { allowPrivate: true, resolve });
    expect(Buffer.from(response.body).toString()).toBe('127.0.0.1');
    expect(response.address).toBe('127.0.0.1');
    // Name-based hosting still works: the Host header is the name, not the address.
    expect(response.headers['x-host']).toBe(`rebind.test:${checked.port}`);
    expect(rebound.arrivals).toEqual([]);
  });

  it('caps the body: truncates, or fails with too_large', async () => {
    const server = await startLinkServer((_req, res) => {
      res.writeHead(200);
      res.end(Buffer.alloc(100_000, 0x62));
    });
    servers.push(server);
    const truncated = await guardedRequest(`${server.origin}/`, {
      timeoutMs: 5_000,
      maxBodyBytes: 1000,
      policy: { allowPrivate: true },
    });
    expect([truncated.body.length, truncated.truncated]).toEqual([1000, true]);
    const error = await guardedRequest(`${server.origin}/`, {
      timeoutMs: 5_000,
      maxBodyBytes: 1000,
      overflow: 'error',
      policy: { allowPrivate: true },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuardedRequestError);
    expect((error as GuardedRequestError).kind).toBe('too_large');
  });
});

describe('LINK_CHECK_ALLOW_PRIVATE', () => {
  it('is off by default and on with 1 outside production', () => {
    expect(collectorConfigFromEnv({}).linkCheckAllowPrivate).toBe(false);
    expect(
      collectorConfigFromEnv({ LINK_CHECK_ALLOW_PRIVATE: '1', NODE_ENV: 'test' }).linkCheckAllowPrivate,
    ).toBe(true);
  });

  it('is refused with NODE_ENV=production, with every other problem listed too', () => {
    let error: unknown;
    try {
      collectorConfigFromEnv({ LINK_CHECK_ALLOW_PRIVATE: '1', NODE_ENV: 'production', HF_ENDPOINT: 'nope' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CollectorConfigError);
    const issues = (error as CollectorConfigError).issues;
    expect(issues.map((i) => i.variable)).toEqual(['HF_ENDPOINT', 'LINK_CHECK_ALLOW_PRIVATE']);
    expect(issues[1]?.message).toContain('refused with NODE_ENV=production');
  });

  it('rejects values that are not a flag', () => {
    expect(() => collectorConfigFromEnv({ LINK_CHECK_ALLOW_PRIVATE: 'yes please' })).toThrow(
      /LINK_CHECK_ALLOW_PRIVATE must be 1, true, 0, false or empty/,
    );
  });
});
