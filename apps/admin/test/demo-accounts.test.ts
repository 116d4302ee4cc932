import { describe, expect, it } from 'vitest';
import { showDemoAccounts } from '@/app/signin/demo-accounts';

describe('showDemoAccounts', () => {
  it('never in a production build unless asked for', () => {
    expect(showDemoAccounts({ NODE_ENV: 'production' })).toBe(false);
    expect(showDemoAccounts({ NODE_ENV: 'production', SHOW_DEMO_ACCOUNTS: '' })).toBe(false);
    expect(showDemoAccounts({ NODE_ENV: 'production', SHOW_DEMO_ACCOUNTS: '0' })).toBe(false);
    expect(showDemoAccounts({ NODE_ENV: 'production', SHOW_DEMO_ACCOUNTS: 'yes please' })).toBe(false);
    expect(showDemoAccounts({ NODE_ENV: 'production', SHOW_DEMO_ACCOUNTS: '1' })).toBe(true);
    expect(showDemoAccounts({ NODE_ENV: 'production', SHOW_DEMO_ACCOUNTS: 'true' })).toBe(true);
  });

  it('under next dev unless turned off', () => {
    expect(showDemoAccounts({ NODE_ENV: 'development' })).toBe(true);
    expect(showDemoAccounts({})).toBe(true);
    expect(showDemoAccounts({ NODE_ENV: 'development', SHOW_DEMO_ACCOUNTS: '0' })).toBe(false);
    expect(showDemoAccounts({ NODE_ENV: 'development', SHOW_DEMO_ACCOUNTS: 'false' })).toBe(false);
  });
});
