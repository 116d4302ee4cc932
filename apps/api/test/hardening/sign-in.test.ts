/**
 * Sign-in hardening (the API side of the admin's credentials provider): limits per account and per
 * address that parallel requests cannot outrun, an address that only the admin server may vouch for
 * (HMAC with AUTH_SECRET; a bare X-Forwarded-For is ignored), and no user enumeration through the
 * answer or by skipping the password check. Cookies (HttpOnly, SameSite=Lax) are checked by the
 * admin's Playwright test apps/admin/e2e/auth.spec.ts; CSRF on sign-in is next-auth's double-submit
 * token.
 */
import { createHmac } from 'node:crypto';
import { signClientAddress, verifyClientAddress } from '@ranking/contracts/auth';
import { hashPassword, verifyPassword } from '@ranking/schema';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext } from '../../src/context';
import { createUser, SIGN_IN_LIMITS, updateUser } from '../../src/modules/users/service';
import { codeOf, type GraphQLResponse, startTestApi, TEST_SECRET, type TestApi } from '../helpers';
import { primaryDriver } from './support';

const SIGN_IN =
  'mutation S($e: String!, $p: String!) { signIn(email: $e, password: $p) { token user { email } } }';

describe('sign-in', () => {
  let api: TestApi;
  let counter = 0;
  /** A fresh address for every call unless one is given, so only the limit under test applies. */
  const signIn = (email: string, password: string, headers?: Record<string, string>) =>
    api.gql<{ signIn: { token: string } }>(
      SIGN_IN,
      { e: email, p: password },
      {
        headers:
          headers ?? signClientAddress(TEST_SECRET, `10.20.${Math.floor(counter / 250)}.${counter++ % 250}`),
      },
    );

  beforeAll(async () => {
    api = await startTestApi(primaryDriver(), { env: { NODE_ENV: 'production' } });
    const system = createSystemContext(api.deps, 'test');
    for (const name of ['parallel', 'timing', 'disabled', 'address'])
      await createUser(system, {
        email: `${name}@example.org`,
        name,
        role: 'viewer',
        password: 'correct-horse',
      });
    const disabled = await api.handle.db.execute<{ id: number }>(
      sql`select id from users where email = 'disabled@example.org'`,
    );
    const rows = Array.isArray(disabled)
      ? disabled
      : (disabled as unknown as { rows: { id: number }[] }).rows;
    await updateUser(system, rows[0]?.id ?? 0, { disabled: true });
  });
  afterAll(async () => api?.close());

  it('lets no more than 5 of 30 parallel wrong passwords reach the password check (then 429)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => signIn('parallel@example.org', 'wrong')),
    );
    const codes = answers.map(codeOf);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(SIGN_IN_LIMITS.perAccount);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(30 - SIGN_IN_LIMITS.perAccount);
    const limited = answers.find((a) => codeOf(a) === 'RATE_LIMITED');
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    // The right password is refused too while the account is locked.
    expect(codeOf(await signIn('parallel@example.org', 'correct-horse'))).toBe('RATE_LIMITED');
  });

  it('limits failures per signed address, and a success does not use up the address', async () => {
    const from = signClientAddress(TEST_SECRET, '192.0.2.10');
    for (let i = 0; i < 3; i++)
      expect(codeOf(await signIn('address@example.org', 'correct-horse', from))).toBeUndefined();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      expect(codeOf(await signIn(`nobody-${i}@example.org`, 'wrong', from))).toBe('UNAUTHENTICATED');
    }
    const blocked = await signIn(
      'address@example.org',
      'correct-horse',
      signClientAddress(TEST_SECRET, '192.0.2.10'),
    );
    expect(blocked.status).toBe(429);
    expect(
      codeOf(
        await signIn('address@example.org', 'correct-horse', signClientAddress(TEST_SECRET, '192.0.2.11')),
      ),
    ).toBeUndefined();
  });

  it('ignores a bare X-Forwarded-For, a forged or stale signature (the peer address counts)', async () => {
    // All of these come from this test's loopback address, whatever they claim.
    const claims: Record<string, string>[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      if (i % 4 === 0) claims.push({ 'x-forwarded-for': `198.51.100.${i}` });
      else if (i % 4 === 1)
        claims.push({
          'x-ranking-client-address': `198.51.100.${i}`,
          'x-ranking-client-signature': `${Math.floor(Date.now() / 1000)}.${'0'.repeat(64)}`,
        });
      else if (i % 4 === 2)
        claims.push(signClientAddress('another-secret-another-secret-0123456789', `198.51.100.${i}`));
      else claims.push(signClientAddress(TEST_SECRET, `198.51.100.${i}`, Date.now() - 5 * 60_000));
    }
    for (const [i, headers] of claims.entries()) {
      expect(codeOf(await signIn(`spoof-${i}@example.org`, 'wrong', headers))).toBe('UNAUTHENTICATED');
    }
    const next = await signIn('spoof-next@example.org', 'wrong', { 'x-forwarded-for': '203.0.113.99' });
    expect(next.status).toBe(429);
    // A signature binds the address: replaying it for another address fails.
    const signed = signClientAddress(TEST_SECRET, '203.0.113.1');
    expect(
      verifyClientAddress(TEST_SECRET, '203.0.113.2', signed['x-ranking-client-signature']),
    ).toBeUndefined();
    expect(verifyClientAddress(TEST_SECRET, '203.0.113.1', signed['x-ranking-client-signature'])).toBe(
      '203.0.113.1',
    );
    // The JWT key and this HMAC never produce each other's values (domain-separated input).
    const sig = createHmac('sha256', TEST_SECRET).update('203.0.113.1').digest('hex');
    expect(
      verifyClientAddress(TEST_SECRET, '203.0.113.1', `${Math.floor(Date.now() / 1000)}.${sig}`),
    ).toBeUndefined();
  });

  it('answers unknown users, wrong passwords, disabled accounts and empty passwords alike', async () => {
    const answers: GraphQLResponse[] = [
      await signIn('nobody-at-all@example.org', 'correct-horse'),
      await signIn('timing@example.org', 'wrong-password'),
      await signIn('disabled@example.org', 'correct-horse'),
      await signIn('timing@example.org', ''),
      await signIn('TIMING@example.org ', 'wrong-password'),
    ];
    const shapes = answers.map((a) =>
      JSON.stringify({ status: a.status, errors: a.errors?.map((e) => ({ ...e, path: undefined })) }),
    );
    expect(new Set(shapes).size).toBe(1);
    expect(answers[0]?.errors?.[0]?.message).toBe('Invalid email or password');
  });

  // Not a stopwatch: wall time on a shared two-core machine says more about the neighbours than
  // about us. CPU time is only counted while this process (client and in-process server) runs, and
  // an argon2id verification costs tens of milliseconds of it, so it shows whether one ran.
  it('verifies a password for an unknown user too (against a dummy hash: the CPU work of a real check)', async () => {
    const cpuMs = async (work: () => Promise<unknown>) => {
      const before = process.cpuUsage();
      await work();
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000;
    };
    // Minimums, not medians: what else the process does (GC, the other argon2 threads spinning up on a
    // loaded machine) only ever adds CPU time, so the least a step took is closest to its own cost.
    const least = (xs: number[]) => Math.min(...xs);
    const realHash = await hashPassword('correct-horse');
    const runs = 7;
    const verification: number[] = [];
    const unknown: number[] = [];
    const refused: number[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) await signIn('cpu-locked@example.org', 'wrong');
    for (let i = 0; i < runs; i++) {
      verification.push(await cpuMs(() => verifyPassword(realHash, 'wrong-password')));
      const email = `cpu-unknown-${i}@example.org`;
      unknown.push(
        await cpuMs(async () =>
          expect(codeOf(await signIn(email, 'wrong-password'))).toBe('UNAUTHENTICATED'),
        ),
      );
      await api.deps.rateLimits.reset(`signin:account:${email}`);
      // The same request refused by the account limit before any password check: the baseline.
      refused.push(
        await cpuMs(async () =>
          expect(codeOf(await signIn('cpu-locked@example.org', 'wrong'))).toBe('RATE_LIMITED'),
        ),
      );
    }
    const [v, u, r] = [least(verification), least(unknown), least(refused)];
    process.stdout.write(
      `sign-in CPU: one argon2id verification ${v.toFixed(1)} ms, unknown user ${u.toFixed(1)} ms, refused before the check ${r.toFixed(1)} ms (least of ${runs})\n`,
    );
    expect(u - r).toBeGreaterThan(v / 2);
  });
});
