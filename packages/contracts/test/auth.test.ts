import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  rightmostForwardedAddress,
  secretKey,
  signClientAddress,
  signUserToken,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TokenError,
  verifyClientAddress,
  verifyUserToken,
} from '../src/auth/index';

const SECRET = 'contracts-test-secret-contracts-test-secret';
const SESSION = '0b7c6c3e-4f5a-4d8e-9a1b-2c3d4e5f6a7b';
const claims = { userId: 7, sessionId: SESSION, role: 'editor', email: 'e@example.org', name: 'E' };

describe('user tokens', () => {
  it('verifies what it signs, capping the lifetime at 15 minutes', async () => {
    const { token, expiresAt } = await signUserToken(SECRET, claims, 3600);
    expect(await verifyUserToken(SECRET, token)).toEqual({ userId: 7, sessionId: SESSION });
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
  });

  it('refuses another secret, and a token living longer than 15 minutes', async () => {
    const { token } = await signUserToken(SECRET, claims);
    await expect(verifyUserToken(`${SECRET}-other`, token)).rejects.toThrow(
      new TokenError('invalid', 'Invalid token'),
    );
    const now = Math.floor(Date.now() / 1000);
    const long = await new SignJWT({ sid: SESSION })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject('7')
      .setIssuedAt(now)
      .setExpirationTime(now + 16 * 60)
      .sign(secretKey(SECRET));
    await expect(verifyUserToken(SECRET, long)).rejects.toMatchObject({ reason: 'lifetime' });
  });

  it('refuses a subject that is not a user id and a session that is not a UUID', async () => {
    const sign = (subject: string, sid: string) =>
      new SignJWT({ sid })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime('1m')
        .sign(secretKey(SECRET));
    await expect(verifyUserToken(SECRET, await sign('0', SESSION))).rejects.toMatchObject({
      reason: 'subject',
    });
    await expect(verifyUserToken(SECRET, await sign('7', 'abc'))).rejects.toMatchObject({
      reason: 'session',
    });
  });
});

describe('client-address signature', () => {
  const NOW = Date.parse('2026-06-15T12:00:00Z');

  it('binds the address and the time', () => {
    const headers = signClientAddress(SECRET, '192.0.2.1', NOW);
    const signature = headers['x-ranking-client-signature'];
    expect(headers['x-ranking-client-address']).toBe('192.0.2.1');
    expect(verifyClientAddress(SECRET, '192.0.2.1', signature, NOW + 60_000)).toBe('192.0.2.1');
    expect(verifyClientAddress(SECRET, '192.0.2.1', signature, NOW + 61_000)).toBeUndefined();
    expect(verifyClientAddress(SECRET, '192.0.2.2', signature, NOW)).toBeUndefined();
    expect(verifyClientAddress(`${SECRET}x`, '192.0.2.1', signature, NOW)).toBeUndefined();
  });

  it('is the HMAC-SHA256 of "ranking-client-address\\n<t>\\n<address>" (what the API expects)', () => {
    const t = Math.floor(NOW / 1000);
    const expected = createHmac('sha256', SECRET)
      .update(`ranking-client-address\n${t}\n192.0.2.1`)
      .digest('hex');
    expect(signClientAddress(SECRET, '192.0.2.1', NOW)['x-ranking-client-signature']).toBe(
      `${t}.${expected}`,
    );
  });

  it('signs only IP addresses', () => {
    const headers = signClientAddress(SECRET, 'example.org', NOW);
    expect(
      verifyClientAddress(SECRET, 'example.org', headers['x-ranking-client-signature'], NOW),
    ).toBeUndefined();
  });
});

describe('rightmostForwardedAddress', () => {
  it.each([
    ['1.1.1.1, 10.0.0.2', '10.0.0.2'],
    [['1.1.1.1', '10.0.0.2, 2001:db8::1'], '2001:db8::1'],
    ['10.0.0.2, not-an-ip', null],
    ['', null],
    [undefined, null],
  ])('%j → %j', (header, expected) => {
    expect(rightmostForwardedAddress(header)).toBe(expected);
  });
});
