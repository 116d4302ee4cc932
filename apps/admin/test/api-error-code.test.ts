import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/i18n/messages';
import { ERROR_CODES, errorCodeOf } from '@/lib/api-error-code';

describe('errorCodeOf', () => {
  it('keeps the codes the API sends, SERVICE_UNAVAILABLE and PAYLOAD_TOO_LARGE included', () => {
    for (const code of ['SERVICE_UNAVAILABLE', 'PAYLOAD_TOO_LARGE', 'BAD_USER_INPUT', 'RATE_LIMITED'])
      expect(errorCodeOf(code)).toBe(code);
  });

  it('reads a code it does not know as UNKNOWN, not as an internal error', () => {
    expect(errorCodeOf('TEAPOT')).toBe('UNKNOWN');
    expect(errorCodeOf(undefined)).toBe('INTERNAL_SERVER_ERROR');
  });

  it('has a message in both languages for every code', () => {
    for (const code of ERROR_CODES) {
      for (const locale of ['en', 'zh'] as const)
        expect((MESSAGES[locale].error as Record<string, string>)[code], `${locale} ${code}`).toMatch(/\S/);
    }
  });
});
