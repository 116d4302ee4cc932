/**
 * An idle webhook dispatcher sleeps: with no pending delivery it waits for a wake-up or its poll
 * interval, not "due now" (SQL's greatest(0, NULL) is 0, which once made it poll without pause).
 */
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextDueInMs } from '../src/modules/webhooks/dispatcher';
import { startTestApi, type TestApi } from './helpers';

describe.each(testDrivers())('webhook dispatcher when idle (%s)', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(driver);
  }, 120_000);
  afterAll(async () => api?.close());

  it('has nothing due when no delivery is pending', async () => {
    expect(await api.count('webhook_deliveries')).toBe(0);
    expect(await nextDueInMs(api.deps)).toBeUndefined();
  });
});
