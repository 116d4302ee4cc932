import { expect, test } from '@playwright/test';
import { url } from './helpers';

/**
 * Missing versus zero on the public pages. The demo's 2026 edition is scored with methodology
 * 2026.2, whose 12-month counts have a P12M window: its cutoff is 2026-11-30, so a repository count
 * measured before 2025-11-30 is stale, dropped and imputed (repo-metrics.csv has 103 such values for
 * indicators their project's dimension uses).
 */
test('the public edition page says how many values are measured, illustrative, imputed, stale, flagged and behind broken links', async ({
  page,
}) => {
  await page.goto(url('/editions/2026'));
  // The demo imports its values approved (never flagged) and checks no link.
  await expect(page.getByTestId('value-counts')).toHaveText(
    /^Values: [\d,]+ measured · [\d,]+ illustrative · [\d,]+ no data \(imputed\) · 103 stale · 0 flagged · 0 behind broken links$/,
  );
});

test('the public breakdown shows an imputed value as no data, never as a measured 0', async ({ page }) => {
  // starcoder's commits_12m (77, measured 2023-06-29) is stale in 2026: dropped, imputed 0.
  await page.goto(url('/projects/starcoder'));
  const imputed = page.getByTestId('raw-commits_12m');
  await expect(imputed).toContainText('no data');
  await expect(imputed).toContainText('stale evidence dropped');
  await expect(imputed).not.toContainText('77');
  await expect(page.locator('#ind-model-commits_12m td').nth(2)).toContainText('imputed');
  // ragflow's (4,795, measured 2026-08-22) is inside the window: a measured value with its age.
  await page.goto(url('/projects/ragflow'));
  const measured = page.getByTestId('raw-commits_12m');
  await expect(measured).toContainText('4,795');
  await expect(measured).not.toContainText('no data');
  await expect(measured).not.toContainText('stale');
});
