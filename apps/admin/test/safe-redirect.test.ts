import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '@/lib/safe-redirect';

const ORIGIN = 'http://localhost:3000';

describe('safeRedirectPath', () => {
  // Each of these leads a browser to another host (or runs script) if followed as given.
  const foreign = [
    '/\\evil.example/',
    '/\\/evil.example/',
    '/\t/evil.example/',
    '/\n/evil.example/',
    '\t//evil.example',
    ' //evil.example',
    '//evil.example',
    '///evil.example',
    '/.//evil.example',
    '/./\\evil.example',
    'https://evil.example',
    'https:evil.example',
    'http://localhost:3000@evil.example/',
    'http://localhost:3001/admin',
    'javascript:alert(1)',
    'JavaScript:alert(document.domain)',
    'data:text/html,<script>alert(1)</script>',
  ];
  for (const value of foreign) {
    it(`refuses ${JSON.stringify(value)}`, () => {
      expect(safeRedirectPath(value, ORIGIN)).toBe('/admin');
      // What a browser makes of the answer stays on the origin.
      expect(new URL(safeRedirectPath(value, ORIGIN), ORIGIN).origin).toBe(ORIGIN);
    });
  }

  it('keeps same-origin paths with their query and fragment', () => {
    expect(safeRedirectPath('/admin/evidence?status=PENDING#list', ORIGIN)).toBe(
      '/admin/evidence?status=PENDING#list',
    );
    expect(safeRedirectPath('/editions/2025', ORIGIN)).toBe('/editions/2025');
    expect(safeRedirectPath('http://localhost:3000/admin/projects', ORIGIN)).toBe('/admin/projects');
  });

  it('keeps percent-escapes as escapes (they are not read as separators)', () => {
    expect(safeRedirectPath('/%5Cevil.example/', ORIGIN)).toBe('/%5Cevil.example/');
    expect(safeRedirectPath('/%09/evil.example/', ORIGIN)).toBe('/%09/evil.example/');
    expect(new URL('/%5Cevil.example/', ORIGIN).origin).toBe(ORIGIN);
  });

  it('falls back for empty, missing and list values and an unusable origin', () => {
    expect(safeRedirectPath('', ORIGIN)).toBe('/admin');
    expect(safeRedirectPath(undefined, ORIGIN)).toBe('/admin');
    expect(safeRedirectPath(['//evil.example', '/admin/audit'], ORIGIN)).toBe('/admin');
    expect(safeRedirectPath(['/admin/audit'], ORIGIN)).toBe('/admin/audit');
    expect(safeRedirectPath('/admin/audit', 'not a url')).toBe('/admin');
    expect(safeRedirectPath('//evil.example', ORIGIN, '/')).toBe('/');
  });
});
