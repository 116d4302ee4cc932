import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/server/load-env';

describe('loadEnv(source)', () => {
  it('gives the documented defaults for an empty environment (README.md, Configuration)', () => {
    expect(loadEnv({})).toEqual({
      apiUrl: 'http://localhost:4000/graphql',
      nextAuthUrl: 'http://localhost:3000',
      isProduction: false,
      apiBodyLimitBytes: 1_000_000,
      authSecret: null,
      showDemoAccounts: true,
    });
  });

  it('reads the variables, trimmed; a blank one counts as unset', () => {
    const env = loadEnv({
      NODE_ENV: 'production',
      API_URL: ' https://api.example.org/graphql ',
      NEXTAUTH_URL: '',
      BODY_LIMIT_BYTES: '2048',
      NEXTAUTH_SECRET: 'n'.repeat(40),
    });
    expect(env).toEqual({
      apiUrl: 'https://api.example.org/graphql',
      nextAuthUrl: 'http://localhost:3000',
      isProduction: true,
      apiBodyLimitBytes: 2048,
      authSecret: 'n'.repeat(40),
      showDemoAccounts: false,
    });
    expect(loadEnv({ NODE_ENV: 'production', SHOW_DEMO_ACCOUNTS: '1' }).showDemoAccounts).toBe(true);
    expect(loadEnv({ AUTH_SECRET: 'a'.repeat(32), NEXTAUTH_SECRET: 'n'.repeat(32) }).authSecret).toBe(
      'a'.repeat(32),
    );
  });

  it('fails listing every problem at once', () => {
    const attempt = () =>
      loadEnv({
        API_URL: 'ftp://api.example.org',
        NEXTAUTH_URL: 'not a url',
        BODY_LIMIT_BYTES: '100',
        AUTH_SECRET: 'short',
        NODE_ENV: 'staging',
      });
    expect(attempt).toThrow(/^Invalid admin configuration:/);
    const message = (() => {
      try {
        attempt();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const name of ['API_URL', 'NEXTAUTH_URL', 'BODY_LIMIT_BYTES', 'AUTH_SECRET', 'NODE_ENV'])
      expect(message).toMatch(new RegExp(`^- ${name} `, 'm'));
    expect(message).toContain('ftp://api.example.org');
  });
});
