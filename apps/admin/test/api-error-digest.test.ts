import { describe, expect, it } from 'vitest';
import { apiErrorDigest, readApiErrorDigest } from '../src/lib/api-error-digest';

describe('readApiErrorDigest(apiErrorDigest(code, message))', () => {
  it('gives back the code of a known API error, without its message', () => {
    expect(
      readApiErrorDigest(apiErrorDigest('API_UNAVAILABLE', 'The API at http://x is not reachable.')),
    ).toEqual({
      code: 'API_UNAVAILABLE',
      message: null,
    });
    expect(readApiErrorDigest(apiErrorDigest('FORBIDDEN', 'no'))).toEqual({
      code: 'FORBIDDEN',
      message: null,
    });
  });

  it("keeps an UNKNOWN code's message (the API's own words, colons included)", () => {
    expect(readApiErrorDigest(apiErrorDigest('UNKNOWN', 'Edition 2025: frozen'))).toEqual({
      code: 'UNKNOWN',
      message: 'Edition 2025: frozen',
    });
  });

  it('is null for the digests Next.js gives every other error (a hash) and for none', () => {
    expect(readApiErrorDigest('2839475519')).toBeNull();
    expect(readApiErrorDigest(undefined)).toBeNull();
  });

  it('reads a code this admin does not know as UNKNOWN', () => {
    expect(readApiErrorDigest('API_ERROR:SOMETHING_NEW')).toEqual({ code: 'UNKNOWN', message: null });
  });
});
