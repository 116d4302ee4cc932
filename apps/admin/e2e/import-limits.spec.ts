import { expect, type Page, test } from '@playwright/test';
import { signIn, url } from './helpers';

/**
 * The import page sends the file's bytes as they are: a file that is not UTF-8 gets the API's
 * line-precise report, and the size limit it states holds to the byte whatever the content (quotes
 * and line breaks, which JSON would escape, included).
 */
const HEADER = 'project,indicator,value,observed_at,source_url\n';

async function upload(page: Page, bytes: Buffer, name = 'evidence.csv'): Promise<void> {
  await page.goto(url('/admin/evidence/import'));
  await page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
  await page.getByLabel(/dry run/i).check();
  await page.getByRole('button', { name: /^(Import|Validate|Upload)/ }).click();
}

/** `size` bytes of CSV that is mostly quotes and line breaks (it need not be valid). */
function quoteHeavy(size: number): Buffer {
  const row = 'vllm,github_stars,"""1""\n""2""",2025-01-01,"https://github.com/a/""b""\n"\n';
  const text = HEADER + row.repeat(Math.ceil(size / row.length));
  return Buffer.from(text.slice(0, size));
}

test.describe('evidence import', () => {
  test.beforeEach(async ({ page }) => signIn(page, 'editor'));

  test('a file that is not UTF-8 gets the API’s report with its line', async ({ page }) => {
    const bytes = Buffer.concat([
      Buffer.from(
        `${HEADER}vllm,github_stars,1,2025-04-01,https://github.com/vllm-project/vllm\nvllm,github_`,
      ),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('stars,2,2025-04-01,https://github.com/vllm-project/vllm\n'),
    ]);
    await upload(page, bytes);
    await expect(page.getByTestId('import-problems')).toContainText(/line 3\b.*UTF-8/);
  });

  test('a file of exactly the stated limit reaches the API; one byte more is refused by size', async ({
    page,
  }) => {
    await page.goto(url('/admin/evidence/import'));
    const limit = Number(await page.getByTestId('import-limit').getAttribute('data-bytes'));
    expect(limit).toBeGreaterThan(500_000);
    await expect(page.getByTestId('import-limit')).toContainText(String(limit));

    await upload(page, quoteHeavy(limit));
    // The API read it: its report (problems by line), not a size or internal error.
    // Counts are ICU plurals, grouped by the locale (10,270 problems).
    await expect(page.getByTestId('import-result')).toContainText(
      /Refused: [\d,]+ problems? in [\d,]+ rows?\./,
    );
    await expect(page.getByTestId('import-problems')).toContainText('line 2');

    await upload(page, quoteHeavy(limit + 1));
    await expect(page.getByTestId('import-result')).toContainText(`${limit + 1} bytes`);
    await expect(page.getByTestId('import-result')).toContainText(String(limit));
  });
});
