/**
 * Sign-in sessions over HTTP: every user token names its session (`sid`) and is refused once that
 * session has ended — signed out, expired, the user disabled or given a new password — including
 * tokens minted from the session before it ended.
 */

import { secretKey, signUserToken, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@ranking/contracts/auth';
import { testDrivers } from '@ranking/schema/testing';
import { sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext } from '../src/context';
import { createUser } from '../src/modules/users/service';
import { codeOf, startTestApi, TEST_SECRET, type TestApi } from './helpers';

const SIGN_IN = `mutation S($e: String!, $p: String!) {
  signIn(email: $e, password: $p) { token sessionId sessionExpiresAt user { id role } }
}`;
const VIEWER = '{ viewer { kind user { email } } }';
const SIGN_OUT = 'mutation { signOut }';
const UPDATE_USER =
  'mutation U($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id } }';

interface Session {
  token: string;
  sessionId: string;
  sessionExpiresAt: string;
  user: { id: string; role: string };
}

describe.each(testDrivers())('sign-in sessions (%s)', (driver) => {
  let api: TestApi;
  let admin: string;

  async function signIn(email: string, password = 'correct-horse'): Promise<Session> {
    const res = await api.gql<{ signIn: Session }>(SIGN_IN, { e: email, p: password });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const session = res.data?.signIn;
    if (!session) throw new Error('no session');
    return session;
  }

  /** Another token minted from the same session, as the admin server mints one per request. */
  const mintFrom = async (session: Session, email: string) =>
    (
      await signUserToken(TEST_SECRET, {
        userId: Number(session.user.id),
        sessionId: session.sessionId,
        role: session.user.role.toLowerCase(),
        email,
        name: email,
      })
    ).token;

  const viewerCode = async (token: string) => codeOf(await api.gql(VIEWER, {}, { token }));

  const auditActions = async (userId: string) => {
    const rows = await api.handle.db.execute<{ action: string }>(
      sql`select action from audit_log where entity_type = 'user' and entity_id = ${userId} order by id`,
    );
    const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: { action: string }[] }).rows;
    return list.map((r) => r.action);
  };

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
    admin = await api.tokenFor('admin');
    const system = createSystemContext(api.deps, 'test');
    for (const name of ['leaver', 'disabled', 'rekeyed', 'expired'])
      await createUser(system, {
        email: `${name}@example.org`,
        name,
        role: 'editor',
        password: 'correct-horse',
      });
  });
  afterAll(async () => api?.close());

  it('signIn opens a session that lasts 8 hours and whose token works', async () => {
    const session = await signIn('leaver@example.org');
    expect(session.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const hours = (Date.parse(session.sessionExpiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
    expect(await viewerCode(session.token)).toBeUndefined();
  });

  it('after signOut, the token and every other token of the session are UNAUTHENTICATED', async () => {
    const session = await signIn('leaver@example.org');
    const other = await signIn('leaver@example.org');
    const minted = await mintFrom(session, 'leaver@example.org');
    expect(await viewerCode(minted)).toBeUndefined();

    const out = await api.gql<{ signOut: boolean }>(SIGN_OUT, {}, { token: session.token });
    expect(out.errors).toBeUndefined();
    expect(out.data?.signOut).toBe(true);

    expect(await viewerCode(session.token)).toBe('UNAUTHENTICATED');
    expect(await viewerCode(minted)).toBe('UNAUTHENTICATED');
    // A write with the old token is refused too, and signing out again is refused (no session).
    const write = await api.gql(
      'mutation { createProject(input: { slug: "after-sign-out", name: "x", category: DATA }) { id } }',
      {},
      { token: minted },
    );
    expect(codeOf(write)).toBe('UNAUTHENTICATED');
    expect(codeOf(await api.gql(SIGN_OUT, {}, { token: minted }))).toBe('UNAUTHENTICATED');
    // The user's other session is untouched.
    expect(await viewerCode(other.token)).toBeUndefined();
    expect(await auditActions(session.user.id)).toContain('user.sign_out');
  });

  it('disabling a user ends all their sessions; enabling them again does not revive them', async () => {
    const first = await signIn('disabled@example.org');
    const second = await signIn('disabled@example.org');
    const id = first.user.id;
    expect(await viewerCode(first.token)).toBeUndefined();

    const off = await api.gql(UPDATE_USER, { id, input: { disabled: true } }, { token: admin });
    expect(off.errors).toBeUndefined();
    expect(await viewerCode(first.token)).toBe('UNAUTHENTICATED');
    expect(await viewerCode(second.token)).toBe('UNAUTHENTICATED');

    const on = await api.gql(UPDATE_USER, { id, input: { disabled: false } }, { token: admin });
    expect(on.errors).toBeUndefined();
    expect(await viewerCode(first.token)).toBe('UNAUTHENTICATED');
    expect(await viewerCode(await mintFrom(second, 'disabled@example.org'))).toBe('UNAUTHENTICATED');
    expect(await viewerCode((await signIn('disabled@example.org')).token)).toBeUndefined();
  });

  it("an admin's password change ends the user's sessions; the new password signs in", async () => {
    const session = await signIn('rekeyed@example.org');
    const res = await api.gql(
      UPDATE_USER,
      { id: session.user.id, input: { password: 'new-password-1' } },
      { token: admin },
    );
    expect(res.errors).toBeUndefined();
    expect(await viewerCode(session.token)).toBe('UNAUTHENTICATED');
    const fresh = await signIn('rekeyed@example.org', 'new-password-1');
    expect(await viewerCode(fresh.token)).toBeUndefined();
  });

  it('changing your own password ends your other sessions and keeps the one you did it from', async () => {
    const system = createSystemContext(api.deps, 'test');
    await createUser(system, {
      email: 'selfadmin@example.org',
      name: 'self admin',
      role: 'admin',
      password: 'correct-horse',
    });
    const here = await signIn('selfadmin@example.org');
    const elsewhere = await signIn('selfadmin@example.org');
    const res = await api.gql(
      UPDATE_USER,
      { id: here.user.id, input: { password: 'new-password-2' } },
      { token: here.token },
    );
    expect(res.errors).toBeUndefined();
    expect(await viewerCode(here.token)).toBeUndefined();
    expect(await viewerCode(elsewhere.token)).toBe('UNAUTHENTICATED');
  });

  it('an expired session is refused even with a fresh token', async () => {
    const session = await signIn('expired@example.org');
    await api.handle.db.execute(
      sql`update sessions set created_at = now() - interval '9 hours', expires_at = now() - interval '1 hour' where id = ${session.sessionId}`,
    );
    expect(await viewerCode(await mintFrom(session, 'expired@example.org'))).toBe('UNAUTHENTICATED');
  });

  it('a validly signed token without a session, or naming an unknown one, is UNAUTHENTICATED', async () => {
    const session = await signIn('leaver@example.org');
    const now = Math.floor(Date.now() / 1000);
    const base = () =>
      new SignJWT({ role: 'editor', email: 'leaver@example.org', name: 'leaver' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setSubject(session.user.id)
        .setIssuedAt(now)
        .setExpirationTime(now + 300);
    const withoutSid = await base().sign(secretKey(TEST_SECRET));
    expect(await viewerCode(withoutSid)).toBe('UNAUTHENTICATED');
    const unknown = await mintFrom(
      { ...session, sessionId: '00000000-0000-4000-8000-000000000000' },
      'x@example.org',
    );
    expect(await viewerCode(unknown)).toBe('UNAUTHENTICATED');
    // Another user's session does not work under this user's id.
    const editor = await signIn('rekeyed@example.org', 'new-password-1');
    const borrowed = await mintFrom({ ...session, sessionId: editor.sessionId }, 'leaver@example.org');
    expect(await viewerCode(borrowed)).toBe('UNAUTHENTICATED');
  });

  it('signOut needs a signed-in user', async () => {
    expect(codeOf(await api.gql(SIGN_OUT))).toBe('UNAUTHENTICATED');
    const key = await api.keyWith(['admin']);
    expect(codeOf(await api.gql(SIGN_OUT, {}, { token: key }))).toBe('UNAUTHENTICATED');
  });
});
