import { expect, test } from '@playwright/test';
import { signIn, submitEvidence, uniqueSourceUrl, url } from './helpers';

test.describe.configure({ mode: 'serial' });

let editorEvidenceId = '';

test('an editor submits evidence, with validation messages and a duplicate warning', async ({ page }) => {
  await signIn(page, 'editor');
  await page.goto(url('/admin/evidence/new'));
  // Invalid input is explained beside each field.
  await page.locator('#ev-value').fill('lots');
  await page.locator('#ev-sourceUrl').fill('not a url');
  await page.getByRole('button', { name: 'Submit evidence' }).click();
  await expect(page.locator('#ev-value-error')).toContainText('Enter a number');
  await expect(page.locator('#ev-sourceUrl-error')).toContainText('public link');
  await expect(page.locator('#ev-project-error')).toBeVisible();

  const source = uniqueSourceUrl('editor');
  editorEvidenceId = await submitEvidence(page, source);
  // The same source for the same project and indicator again: a duplicate warning first.
  await page.goto(url('/admin/evidence/new'));
  await page.locator('#ev-project').selectOption({ index: 1 });
  await page.locator('#ev-indicator').selectOption({ index: 1 });
  await page.locator('#ev-value').fill('4243');
  await page.locator('#ev-observedAt').fill('2026-01-02');
  await page.locator('#ev-sourceUrl').fill(`${source}/`);
  await page.getByRole('button', { name: 'Submit evidence' }).click();
  await expect(page.getByTestId('duplicate-warning')).toBeVisible();
  await expect(page.getByTestId('duplicate-warning')).toContainText(`#${editorEvidenceId}`);
});

test('a reviewer approves it and cannot approve their own', async ({ page }) => {
  await signIn(page, 'reviewer');
  const ownId = await submitEvidence(page, uniqueSourceUrl('reviewer'), '77');
  await page.goto(url('/admin/evidence?status=PENDING'));
  // Own evidence: no approve button, an explanation instead.
  const own = page.getByTestId(`evidence-row-${ownId}`);
  await expect(own).toBeVisible();
  await expect(own.getByTestId(`own-${ownId}`)).toBeVisible();
  await expect(page.getByTestId(`approve-${ownId}`)).toHaveCount(0);
  // The editor's evidence: approve.
  const row = page.getByTestId(`evidence-row-${editorEvidenceId}`);
  await expect(row).toBeVisible();
  await page.getByTestId(`approve-${editorEvidenceId}`).click();
  await expect(page.getByRole('status').filter({ hasText: 'Approved 1' })).toBeVisible();
  await page.goto(url(`/admin/evidence/${editorEvidenceId}`));
  await expect(page.getByText('Approved', { exact: true })).toBeVisible();
  await expect(page.getByRole('main').getByText('Demo Reviewer <reviewer@example.org>')).toBeVisible();
});

test('a publisher computes, opens a score breakdown, compares with last year and publishes', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, 'publisher');
  await page.goto(url('/admin/editions'));
  // Work on the unpublished edition if the demo has one, else start the next year's draft.
  const openEdition = page
    .getByTestId('editions-table')
    .locator('tr', { has: page.locator('.badge-draft, .badge-computed') })
    .getByRole('link')
    .first();
  if ((await openEdition.count()) > 0) {
    await openEdition.click();
  } else {
    await page.getByTestId('create-edition').click();
  }
  await expect(page).toHaveURL(/\/admin\/editions\/\d{4}\/\d+/);
  const [, year] = /\/admin\/editions\/(\d{4})\/(\d+)/.exec(page.url()) ?? [];
  await page.getByTestId('compute').click();
  await expect(page.getByRole('status').filter({ hasText: 'Computed' })).toBeVisible({ timeout: 180_000 });
  await page.reload();
  await expect(page.getByTestId('content-hash')).toHaveText(/^[0-9a-f]{64}$/);
  const hash = (await page.getByTestId('content-hash').textContent()) ?? '';

  // Score breakdown of the first project: contributions chart and evidence links.
  await page.getByTestId('admin-ranking').getByRole('link').first().click();
  await expect(page.getByTestId('breakdown').first()).toBeVisible();
  await expect(page.getByRole('img', { name: 'Contribution per indicator' }).first()).toBeVisible();
  await page.goBack();

  // Compare with the previous edition.
  await page.getByRole('link', { name: 'Compare with previous edition' }).click();
  await expect(page.getByTestId('compare-with')).toContainText(String(Number(year) - 1));
  await expect(page.getByTestId('movers')).toBeVisible();

  // Publish behind a confirmation showing the content hash.
  await page.getByRole('link', { name: 'Ranking', exact: true }).click();
  await page.getByTestId('publish-open').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('publish-hash')).toHaveText(hash);
  await dialog.getByLabel('I audited this content hash').check();
  await dialog.getByTestId('publish-confirm').click();
  await expect(page.locator('h1 .badge-published')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('publish-open')).toHaveCount(0);

  // The public page shows the new edition without signing in.
  await page.context().clearCookies();
  await page.goto(url('/'));
  await expect(page.locator('#latest-title')).toBeVisible();
  await page.goto(url(`/editions/${year}`));
  await expect(page.getByTestId('public-ranking')).toBeVisible();
  await expect(page.getByText(hash)).toBeVisible();
  const csv = await page.request.get(url(`/editions/${year}/download?format=csv`));
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split('\n')[0]).toBe(
    'dimension,project,rank,score,indicator,raw,normalized,contribution',
  );
});
