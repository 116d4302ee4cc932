import { expect, test } from '@playwright/test';
import { signIn, url } from './helpers';

/**
 * The DOI of an edition revision on the admin edition page: a publisher enters it (a pasted
 * https://doi.org/ URL is stored as the bare DOI), a malformed one is refused beside the field, and the
 * public download of CITATION.cff cites it at once; clearing it takes it out again. 2025 revision 1:
 * the downloads spec compares the 2024 files over time, so this spec leaves 2024 alone.
 */
const PAGE = '/admin/editions/2025/1';
const CITATION = '/editions/2025/download?file=CITATION.cff&revision=1';

test('a publisher records, corrects and clears the DOI; CITATION.cff follows', async ({ page }) => {
  await signIn(page, 'publisher', PAGE);
  await page.goto(url(PAGE));
  const field = page.locator('#ed-doi');
  const save = page.getByTestId('doi-save');

  await field.fill('not a doi');
  await save.click();
  await expect(page.getByTestId('doi-form').locator('.error')).toContainText('doi must be a DOI');

  await field.fill('https://doi.org/10.5281/zenodo.2025001');
  await save.click();
  await expect(page.getByTestId('doi-form').getByRole('status')).toContainText(
    'DOI saved: 10.5281/zenodo.2025001',
  );
  await expect(field).toHaveValue('10.5281/zenodo.2025001');
  const cited = await page.request.get(url(CITATION));
  expect(cited.status()).toBe(200);
  expect(await cited.text()).toContain('doi: "10.5281/zenodo.2025001"');

  await page.reload();
  await expect(page.locator('#ed-doi')).toHaveValue('10.5281/zenodo.2025001');
  await page.locator('#ed-doi').fill('');
  await page.getByTestId('doi-save').click();
  await expect(page.getByTestId('doi-form').getByRole('status')).toContainText('DOI cleared');
  expect(await (await page.request.get(url(CITATION))).text()).not.toContain('10.5281/zenodo.2025001');
});
