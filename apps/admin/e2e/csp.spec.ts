import { expect, type Page, test } from '@playwright/test';
import { signIn, url } from './helpers';

/**
 * Content-Security-Policy: a fresh nonce per response; a script that lacks it (as injected markup
 * would) does not run, and the app's own pages run with no violation at all.
 */
declare global {
  interface Window {
    __cspViolations?: string[];
    __injected?: number;
    __handler?: number;
    next?: { version?: string };
  }
}

async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
}

const violations = (page: Page) => page.evaluate(() => window.__cspViolations ?? []);
/** The App Router's bootstrap script sets `window.next`: the nonced scripts ran. */
const appBooted = (page: Page) => page.waitForFunction(() => Boolean(window.next?.version));

const PUBLIC_PAGES = ['/', '/editions/2026', '/editions/2026/organizations', '/projects/vllm', '/signin'];
const ADMIN_PAGES = [
  '/admin',
  '/admin/evidence',
  '/admin/evidence/new',
  '/admin/evidence/import',
  '/admin/links',
  '/admin/collection',
  '/admin/disputes',
  '/admin/projects',
  '/admin/projects/new',
  '/admin/projects/vllm',
  '/admin/organizations',
  '/admin/organizations/new',
  '/admin/organizations/01-ai',
  '/admin/methodology',
  '/admin/editions',
  '/admin/editions/2026/1',
  '/admin/editions/2026/1/projects/vllm',
  '/admin/audit',
  '/admin/api-keys',
  '/admin/webhooks',
];

test('every page carries a strict policy with a fresh nonce that its own scripts use', async ({ page }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 2; i++) {
    const response = await page.goto(url('/editions/2026'));
    const policy = response?.headers()['content-security-policy'] ?? '';
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
    expect(nonce, policy).toBeTruthy();
    nonces.add(nonce ?? '');
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
      expect(policy).toContain(directive);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    // Next put the nonce on its scripts.
    const scripts = await page
      .locator('script')
      .evaluateAll((list) => list.map((s) => (s as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(new Set(scripts)).toEqual(new Set([nonce]));
  }
  expect(nonces.size).toBe(2);
});

test('an inline script and an event handler injected into a page do not run', async ({ page }) => {
  await recordViolations(page);
  // Markup that escaped escaping, as a stored XSS would put it into the HTML the server sends.
  await page.route(
    (u) => u.pathname === '/editions/2026',
    async (route) => {
      // The page's HTML only: its links' RSC prefetches (same path, `?_rsc=`) may still be in flight
      // when the test ends, and a handler reading a response the closed page disposed fails the test.
      if (route.request().resourceType() !== 'document') return route.continue();
      const response = await route.fetch();
      const html = (await response.text()).replace(
        '<body>',
        '<body><script>window.__injected = 1</script><img src="/no-such-image.png" onerror="window.__handler = 1">',
      );
      await route.fulfill({ response, body: html });
    },
  );
  await page.goto(url('/editions/2026'));
  await appBooted(page);
  await expect
    .poll(() => violations(page))
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^script-src-elem inline$/),
        expect.stringMatching(/^script-src-attr inline$/),
      ]),
    );
  expect(await page.evaluate(() => window.__injected)).toBeUndefined();
  expect(await page.evaluate(() => window.__handler)).toBeUndefined();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('the public pages and the sign-in page run with no violation', async ({ page }) => {
  await recordViolations(page);
  for (const path of PUBLIC_PAGES) {
    const response = await page.goto(url(path));
    expect(response?.status(), path).toBe(200);
    await appBooted(page);
    await page.waitForLoadState('networkidle');
    expect(await violations(page), path).toEqual([]);
  }
});

test('every admin page runs with no violation, and client components still work', async ({ page }) => {
  await recordViolations(page);
  await signIn(page, 'admin');
  for (const path of ADMIN_PAGES) {
    const response = await page.goto(url(path));
    expect(response?.status(), path).toBe(200);
    await appBooted(page);
    await page.waitForLoadState('networkidle');
    expect(await violations(page), path).toEqual([]);
  }
  // A client component after hydration: the language switch (a server action) and sign-out.
  await page.goto(url('/admin'));
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
  await page.getByRole('button', { name: 'EN' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
