import { type Browser, expect, type Page, test } from '@playwright/test';
import { url } from './helpers';

/**
 * The public "your own weights" page (`/editions/YEAR/what-if`): the official weights give back the
 * official ranks, a slider moved by keyboard re-ranks and writes the weights into the URL, that URL
 * renders the same ranking on the server (no JavaScript), the banner says it is not the official
 * ranking in both languages, and weights that cannot be used get a message, not an error page.
 */
const YEAR = 2026;
const PAGE = `/editions/${YEAR}/what-if`;

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Each row's project slug with its custom rank, official rank and difference, in table order. */
async function rows(page: Page) {
  return page.getByTestId('what-if-row').evaluateAll((list) =>
    list.map((row) => {
      const data = (row as HTMLElement).dataset;
      return {
        slug: data.slug ?? '',
        rank: Number(data.rank),
        officialRank: Number(data.officialRank),
        difference: Number(data.difference),
      };
    }),
  );
}

/** The official ranking as the edition page shows it: slug → rank. */
async function officialRanks(page: Page, dimension: string): Promise<Map<string, number>> {
  await page.goto(url(`/editions/${YEAR}?dimension=${dimension}`));
  const table = page.getByTestId('public-ranking');
  await expect(table).toBeVisible();
  const entries = await table.locator('tbody tr').evaluateAll((list) =>
    list.map((row) => {
      const href = row.querySelector('a')?.getAttribute('href') ?? '';
      return [href.replace('/projects/', ''), Number(row.querySelector('td')?.textContent)] as const;
    }),
  );
  return new Map(entries);
}

async function noJavaScriptPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return context.newPage();
}

test('the official weights reproduce the official ranks, and the edition page links to the page', async ({
  page,
}) => {
  const official = await officialRanks(page, 'model');
  expect(official.size).toBeGreaterThan(5);
  await page.getByTestId('what-if-link').click();
  await expect(page).toHaveURL(new RegExp(`${PAGE}\\?dimension=model$`));
  await expect(page.getByTestId('what-if-row').first()).toBeVisible();
  const entries = await rows(page);
  expect(entries.length).toBe(official.size);
  for (const entry of entries) {
    expect(entry.difference, entry.slug).toBe(0);
    expect(entry.rank, entry.slug).toBe(entry.officialRank);
    expect(entry.officialRank, entry.slug).toBe(official.get(entry.slug));
  }
  await expect(page.getByTestId('what-if-status')).toHaveText(
    'These are the official weights: every rank equals the official one.',
  );
});

test('a slider moved by keyboard re-ranks, keeps the weights in the URL, and the shared URL renders the same ranking on the server', async ({
  page,
  browser,
}) => {
  const violations: string[] = [];
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(url(`${PAGE}?dimension=model`));
  const before = await rows(page);
  // The island is hydrated once Next's bootstrap has run.
  await page.waitForFunction(() => Boolean((window as { next?: { version?: string } }).next?.version));

  // Keyboard only: tab to the Community slider, then arrow keys (1 per press).
  const slider = page.getByRole('slider', { name: 'Community' });
  for (let i = 0; i < 40 && !(await slider.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(slider).toBeFocused();
  const start = Number(await slider.inputValue());
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
  const moved = start + 40;
  await expect(slider).toHaveValue(String(moved));
  await expect(page.getByTestId('weight-model_community')).toHaveText(String(moved));
  await expect(page).toHaveURL(new RegExp(`[?&]w\\.model_community=${moved}(&|$)`));
  await expect(page.getByTestId('what-if-status')).toHaveText(/projects? changes? rank with these weights/);

  const after = await rows(page);
  expect(after.map((r) => r.slug)).not.toEqual(before.map((r) => r.slug));
  expect(after.some((r) => r.difference !== 0)).toBe(true);
  for (const r of after) expect(r.difference, r.slug).toBe(r.officialRank - r.rank);
  // The official ranks stay those of the official weights.
  const officialBySlug = new Map(before.map((r) => [r.slug, r.officialRank]));
  for (const r of after) expect(r.officialRank, r.slug).toBe(officialBySlug.get(r.slug));
  expect(await page.evaluate(() => window.__cspViolations ?? [])).toEqual(violations);

  // The shared URL, opened without JavaScript: the server renders the same ranking and weights.
  const shared = page.url();
  const fresh = await noJavaScriptPage(browser);
  await fresh.goto(shared);
  await expect(fresh.getByRole('slider', { name: 'Community' })).toHaveValue(String(moved));
  expect(await rows(fresh)).toEqual(after);

  // Reset: the official weights again.
  await page.getByRole('link', { name: 'Reset to official weights' }).click();
  await expect(page).toHaveURL(new RegExp(`${PAGE}\\?dimension=model$`));
  await expect(page.getByRole('slider', { name: 'Community' })).toHaveValue(String(start));
  expect((await rows(page)).every((r) => r.difference === 0)).toBe(true);
  await fresh.context().close();
});

test('without JavaScript the form applies the weights with a plain GET', async ({ browser }) => {
  const page = await noJavaScriptPage(browser);
  await page.goto(url(`${PAGE}?dimension=model`));
  const slider = page.getByRole('slider', { name: 'Adoption' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(slider).toHaveValue('0');
  await page.getByRole('button', { name: 'Apply weights' }).click();
  await expect(page).toHaveURL(/[?&]w\.model_adoption=0(&|$)/);
  await expect(page.getByRole('slider', { name: 'Adoption' })).toHaveValue('0');
  const entries = await rows(page);
  expect(entries.length).toBeGreaterThan(5);
  expect(entries.some((r) => r.difference !== 0)).toBe(true);
  await page.context().close();
});

test('the banner says plainly that this is not the official ranking, in both languages', async ({ page }) => {
  await page.goto(url(`${PAGE}?dimension=data`));
  await expect(page.getByTestId('what-if-banner')).toContainText('This is not the official ranking.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your own weights: Data');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('what-if-banner')).toContainText('这不是官方排名。');
  await expect(page.getByRole('link', { name: '恢复官方权重' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '官方排名' })).toBeVisible();
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('weights that cannot be used get a clear message, not an error page', async ({ page, request }) => {
  const response = await page.goto(url(`${PAGE}?dimension=model&w.model_hype=3&w.model_adoption=-1`));
  expect(response?.status()).toBe(200);
  const problems = page.getByTestId('what-if-problems');
  await expect(problems).toContainText('The link has 2 weights that cannot be used');
  await expect(problems).toContainText(
    '“model_hype” is not a pillar of this dimension; the pillars are model_adoption, model_community',
  );
  await expect(problems).toContainText('The weight of “model_adoption” is -1; weights must be 0 or more.');
  await expect(page.getByRole('slider', { name: 'Adoption' })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('what-if-ranking')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Reset to official weights' })).toBeVisible();

  await page.goto(
    url(
      `${PAGE}?dimension=model&w.model_adoption=0&w.model_community=0&w.model_openness=0&w.model_capability_research=0`,
    ),
  );
  await expect(page.getByTestId('what-if-problems')).toContainText(
    'At least one pillar must weigh more than 0.',
  );

  await page.goto(url(`${PAGE}?dimension=model&w.model_community=abc`));
  await expect(page.getByTestId('what-if-problems')).toContainText(
    'The weight of “model_community” is “abc”, not a number.',
  );

  // The JSON route the island calls answers the same reasons with 400.
  const json = await request.get(url(`${PAGE}/ranking?dimension=model&w.model_adoption=-1`));
  expect(json.status()).toBe(400);
  expect((await json.json()) as unknown).toEqual({
    error: { message: 'The weight of “model_adoption” is -1; weights must be 0 or more.' },
  });
  const unknownDimension = await page.goto(url(`${PAGE}?dimension=nothing`));
  expect(unknownDimension?.status()).toBe(404);
});
