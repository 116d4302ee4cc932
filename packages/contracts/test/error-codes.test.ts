import { describe, expect, it } from 'vitest';
import { ERROR_CODES, HTTP_ERROR_CODES, isErrorCode } from '../src/index';

describe('error codes', () => {
  it('are words (upper-case with underscores), each once', () => {
    const all = [...ERROR_CODES, ...HTTP_ERROR_CODES];
    for (const code of all) expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
    expect(new Set(all).size).toBe(all.length);
  });

  it('include the cost limit, which the admin app now tells apart too', () => {
    expect(isErrorCode('QUERY_TOO_COSTLY')).toBe(true);
    expect(isErrorCode('PAYLOAD_TOO_LARGE')).toBe(false);
  });
});
