import { expect, test } from '@playwright/test';
import { signIn, url } from './helpers';

test("an organization page lists its projects' evidence, paginated, with illustrative values marked", async ({
  page,
}) => {
  await signIn(page, 'viewer');
  // uc-berkeley (catalog): vLLM, MATH and MMLU, and LiveCodeBench where it is not the primary organization.
  await page.goto(url('/admin/organizations/uc-berkeley'));
  const section = page.getByRole('region', { name: 'Evidence of its projects' });
  const rows = section.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const projectNames = await rows.locator('td:nth-child(2) a').allTextContents();
  expect(projectNames.length).toBeGreaterThan(0);
  for (const name of projectNames) expect(['vLLM', 'LiveCodeBench', 'MATH', 'MMLU']).toContain(name);
  // Each links to its evidence page; demo values that were not measured carry the illustrative label.
  await expect(rows.first().locator('td:first-child a')).toHaveAttribute('href', /^\/admin\/evidence\/\d+$/);
  await expect(section.locator('.badge-illustrative').first()).toBeVisible();
  const pager = section.getByRole('navigation', { name: 'Pagination' });
  await expect(pager).toContainText(/Showing \d+ of \d+/);
  const next = pager.getByRole('link', { name: /Next/ });
  if ((await next.count()) > 0) {
    const firstId = await rows.first().locator('td:first-child a').textContent();
    await next.click();
    await expect(page).toHaveURL(/after=/);
    await expect(rows.first().locator('td:first-child a')).not.toHaveText(firstId ?? '');
  }
  await rows.first().locator('td:first-child a').click();
  await expect(page).toHaveURL(/\/admin\/evidence\/\d+$/);
});

test('an unknown organization, project or edition is a 404 page in the admin and on the public site', async ({
  page,
}) => {
  await signIn(page, 'viewer');
  for (const path of [
    '/admin/organizations/no-such-org',
    '/admin/projects/no-such-project',
    '/admin/editions/1999/1',
  ]) {
    const response = await page.goto(url(path));
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }), path).toHaveText('Not found');
    // Under the admin's section navigation, with its way back.
    await expect(page.getByRole('navigation', { name: 'Admin sections' }), path).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to Dashboard' }), path).toBeVisible();
  }
  for (const path of ['/projects/no-such-project', '/editions/1999']) {
    const response = await page.goto(url(path));
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }), path).toHaveText('Not found');
  }
});
