import { expect, type Page, test } from '@playwright/test';
import { isoDaysAgo, signIn, url } from './helpers';

/**
 * Evidence health in the admin and on the public pages (docs/data-model.md, "Anomaly flags"): a value
 * far from its project's series arrives flagged and is listed first in the review queue with its
 * reason and a chart of the series; approving it needs a note. Its source link points to the local
 * fixture server (e2e/link-fixture-server.mjs), which answers 404: the check made on approval finds
 * it BROKEN, the stand-in Wayback Machine gives an archived copy, the broken-links queue lists it and
 * the public project page offers the copy next to the dead link.
 */
test.describe.configure({ mode: 'serial' });

// ragflow's GitHub stars in the demo: 17,100, 26,000 and 39,400 (observed 2024-11-30, 2025-11-30,
// 2026-11-15); a thousand times the last is far outside any project's change.
const PROJECT = 'ragflow';
const INDICATOR = 'github_stars';
const OUTLIER = '39400000';

let evidenceId = '';
let sourceUrl = '';

function linksUrl(): string {
  const base = process.env.E2E_LINKS_URL;
  if (!base) throw new Error('E2E_LINKS_URL is not set: global setup did not run');
  return base;
}

async function submitOutlier(page: Page): Promise<string> {
  sourceUrl = `${linksUrl()}/gone/${PROJECT}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  await page.goto(url('/admin/evidence/new'));
  await page.locator('#ev-project').selectOption(PROJECT);
  await page.locator('#ev-indicator').selectOption(INDICATOR);
  await page.locator('#ev-value').fill(OUTLIER);
  await page.locator('#ev-observedAt').fill(isoDaysAgo(3));
  await page.locator('#ev-sourceUrl').fill(sourceUrl);
  await page.getByRole('button', { name: 'Submit evidence' }).first().click();
  const done = page.getByTestId('evidence-submitted');
  await expect(done).toBeVisible();
  const match = /#(\d+)/.exec((await done.textContent()) ?? '');
  expect(match).not.toBeNull();
  return match?.[1] ?? '';
}

test('a flagged value is listed first with its reason and a chart of the series', async ({ page }) => {
  await signIn(page, 'editor');
  evidenceId = await submitOutlier(page);
  await signIn(page, 'reviewer', '/admin/evidence?status=PENDING');
  await page.goto(url('/admin/evidence?status=PENDING'));
  await expect(page.getByTestId('flagged-summary')).toBeVisible();
  // First row of the table, before any value not flagged.
  const firstRow = page.getByTestId('evidence-table').locator('tbody tr').first();
  await expect(firstRow).toHaveAttribute('data-testid', `evidence-row-${evidenceId}`);
  const reason = page.getByTestId(`anomaly-${evidenceId}`);
  await expect(reason).toContainText('39,400,000');
  await expect(reason).toContainText('the previous value (39,400, 2026-11-15)');
  const chart = page.getByTestId(`series-chart-${evidenceId}`);
  await expect(chart).toBeVisible();
  // The chart names its numbers: the accepted series and the value under review.
  const label = (await chart.getAttribute('aria-label')) ?? '';
  expect(label).toContain(
    '3 accepted values (30 Nov 2024: 17,100; 30 Nov 2025: 26,000; 15 Nov 2026: 39,400)',
  );
  expect(label).toContain('under review: 39,400,000');
  // Three accepted points and the highlighted one.
  await expect(chart.locator('circle')).toHaveCount(4);
  await expect(chart.locator('title')).toHaveText(label);
  // A flagged value is approved on its own, with a note: no bulk checkbox for it.
  await expect(page.getByRole('checkbox', { name: `Select evidence ${evidenceId}` })).toHaveCount(0);
  await expect(page.getByLabel('Review note (required to approve a flagged value)')).toBeVisible();
});

test('approving a flagged value without a note is refused with a message, then accepted with one', async ({
  page,
}) => {
  expect(evidenceId).not.toBe('');
  await signIn(page, 'reviewer', '/admin/evidence?status=PENDING');
  await page.goto(url('/admin/evidence?status=PENDING'));
  await page.getByTestId(`approve-${evidenceId}`).click();
  await expect(page.locator('p[role="alert"]')).toHaveText(
    `Evidence ${evidenceId} was flagged as an anomaly: write a review note saying why the value is right, then approve it.`,
  );
  await expect(page.getByTestId(`evidence-row-${evidenceId}`)).toContainText('Pending');
  await page.locator(`#note-${evidenceId}`).fill('Checked against the repository: the count is right.');
  await page.getByTestId(`approve-${evidenceId}`).click();
  await expect(page.getByRole('status')).toHaveText('Approved 1 item.');
  await page.goto(url(`/admin/evidence?status=APPROVED&project=${PROJECT}`));
  const row = page.getByTestId(`evidence-row-${evidenceId}`);
  await expect(row).toContainText('Approved');
  await expect(row).toContainText('Checked against the repository');
});

test('the broken-links queue lists the dead link with its status and archived copy', async ({ page }) => {
  expect(evidenceId).not.toBe('');
  await signIn(page, 'viewer');
  await page.getByRole('link', { name: 'Broken links' }).click();
  await expect(page).toHaveURL(/\/admin\/links$/);
  const row = page.getByTestId(`link-row-${evidenceId}`);
  // The check runs after the approval's answer: reload until it is recorded.
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText('RAGFlow');
  await expect(row).toContainText(INDICATOR);
  await expect(row).toContainText('Broken');
  await expect(row.locator('td').nth(5)).toHaveText('404');
  await expect(row.getByRole('link', { name: 'Archived copy' })).toHaveAttribute(
    'href',
    `${linksUrl()}/web/20260102030405/${sourceUrl}`,
  );
  await expect(row.locator(`a[href="${sourceUrl}"]`)).toBeVisible();
});

test('the public project page offers the archived copy next to a broken link', async ({ page }) => {
  expect(evidenceId).not.toBe('');
  await page.goto(url(`/projects/${PROJECT}`));
  const cell = page.getByTestId(`evidence-link-${evidenceId}`);
  await expect(cell.locator('a').first()).toHaveAttribute('href', sourceUrl);
  await expect(cell).toContainText('Link broken');
  await expect(cell.getByRole('link', { name: 'Archived copy (2 Jan 2026)' })).toHaveAttribute(
    'href',
    `${linksUrl()}/web/20260102030405/${sourceUrl}`,
  );
});
