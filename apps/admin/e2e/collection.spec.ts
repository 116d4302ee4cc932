import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signIn, url } from './helpers';

/**
 * Evidence collection from the admin, against the real API whose collectors talk to the local upstream
 * fakes (e2e/upstream-fakes.ts, started by global-setup.ts): an editor presses "Collect now" on the demo
 * project deepseek-v3 (sources from the catalog: GitHub deepseek-ai/DeepSeek-V3, which the fake GitHub
 * does not know, and the Hub model of the same name, which the fake Hub does), sees the run running, then
 * — the Hub released — reach its end on the same page without a reload; reads the counts, the not-found
 * finding with its way to the project's sources, and opens a collected value to see its provenance.
 * Keyboard only for the actions; the Chinese interface renders the same pages.
 */
test.describe.configure({ mode: 'serial' });

const PROJECT = 'deepseek-v3';
let runPath = '';
/** The values the run added (ids), rejected by a reviewer at the end. */
let collected: string[] = [];

async function upstreams(action: 'hold' | 'release'): Promise<void> {
  const control = process.env.E2E_UPSTREAMS_CONTROL;
  if (!control)
    throw new Error('E2E_UPSTREAMS_CONTROL is not set: global setup did not start the upstream fakes');
  const response = await fetch(`${control}/${action}`, { method: 'POST' });
  expect(response.status).toBe(200);
}

test.afterAll(async () => {
  // Whatever happened, no later scenario finds the Hub held.
  await upstreams('release');
});

test('an editor collects a project from its page and watches the run end live', async ({ page }) => {
  await signIn(page, 'editor', `/admin/projects/${PROJECT}`);
  await page.goto(url(`/admin/projects/${PROJECT}`));
  const sources = page.getByTestId('project-sources');
  await expect(sources).toContainText('github deepseek-ai/DeepSeek-V3');
  await expect(sources).toContainText('huggingface_model deepseek-ai/DeepSeek-V3');
  await page.screenshot({ path: 'test-results/collection-project.png', fullPage: true });

  await upstreams('hold');
  const collect = page.getByTestId('collect-now');
  await collect.focus();
  await expect(collect).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/admin\/collection\/\d+$/);
  runPath = new URL(page.url()).pathname;

  const status = page.getByTestId('run-status');
  // The Hub holds its answer: the run is going, and the page says so.
  await expect(status).toHaveText('Running');
  await expect(page.getByTestId('run-live')).toContainText('Live');
  await expect(page.getByRole('button', { name: 'Cancel run' })).toBeVisible();

  await upstreams('release');
  // Same page, no reload: the island polls until the run ends (deadline, no fixed wait).
  await expect(status).toHaveText('Completed', { timeout: 120_000 });
  await expect(page.getByLabel('Progress', { exact: true })).toHaveAttribute('value', '5');
  await expect(page.getByText('5 of 5 sources')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
  await expect(page.getByTestId('run-finished')).not.toHaveText('—');

  // Per source: the Hub gave downloads, likes and derivative models (3 values); GitHub did not know the
  // repository (1 failed); the sources without identifiers for this project did nothing.
  const cells = async (source: string) =>
    page.getByTestId(`count-${source}`).locator('th, td').allTextContents();
  expect(await cells('huggingface')).toEqual(['huggingface', '3', '0', '0']);
  expect(await cells('github')).toEqual(['github', '0', '0', '1']);
  for (const source of ['pypi', 'openalex', 'depsdev'])
    expect(await cells(source)).toEqual([source, '0', '0', '0']);

  // The finding, for the editor: what was asked, what happened, and where to fix it.
  const finding = page.getByTestId(`finding-${PROJECT}-not_found`);
  await expect(finding).toContainText('github');
  await expect(finding).toContainText('Not found');
  await expect(finding).toContainText('deepseek-ai/DeepSeek-V3');
  const fix = finding.getByRole('link', { name: /Check the project's sources/ });
  await expect(fix).toHaveAttribute('href', `/admin/projects/${PROJECT}#sources`);

  // The evidence the run added, pending, one row per value.
  const evidence = page.getByRole('region', { name: 'Evidence added' });
  await expect(evidence.locator('tbody tr')).toHaveCount(3);
  await expect(evidence.locator('tbody')).toContainText('Pending');
  await expect(evidence.getByText('Showing 3 of 3')).toBeVisible();
  collected = (await evidence.locator('tbody tr td:first-child a').allTextContents()).map((t) => t.trim());
  expect(collected).toHaveLength(3);

  await page.screenshot({ path: 'test-results/collection-run.png', fullPage: true });

  // The finding's link takes the editor to the project's sources.
  await fix.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/admin/projects/${PROJECT}#sources$`));
  await expect(page.getByRole('heading', { name: 'Sources', exact: true })).toBeVisible();
});

test('a collected value shows its provenance: collector, request, status, SHA-256 of the raw response', async ({
  page,
}) => {
  expect(runPath).not.toBe('');
  await signIn(page, 'editor', runPath);
  await page.goto(url(runPath));
  const evidence = page.getByRole('region', { name: 'Evidence added' });
  const first = evidence.locator('tbody tr').first().getByRole('link').first();
  await first.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/admin\/evidence\/\d+$/);

  const provenance = page.getByTestId('provenance');
  await expect(provenance).toBeVisible();
  await expect(page.getByTestId('provenance-collector')).toHaveText('huggingface');
  await expect(page.getByTestId('provenance-request')).toHaveText(
    /^GET http:\/\/127\.0\.0\.1:\d+\/api\/models(\/deepseek-ai\/DeepSeek-V3|\?)/,
  );
  await expect(page.getByTestId('provenance-status')).toHaveText('200');
  const sha = (await page.getByTestId('provenance-sha256').textContent())?.trim() ?? '';
  expect(sha).toMatch(/^[0-9a-f]{64}$/);
  await expect(provenance.getByRole('link', { name: `Run #${runPath.split('/').at(-1)}` })).toHaveAttribute(
    'href',
    runPath,
  );

  // The raw response, opened from the keyboard, is the body whose hash is shown.
  const raw = page.getByTestId('raw-response');
  await raw.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(raw.locator('pre')).toBeVisible();
  const body = (await raw.locator('pre').textContent()) ?? '';
  expect(createHash('sha256').update(body, 'utf8').digest('hex')).toBe(sha);
  await page.screenshot({ path: 'test-results/collection-provenance.png', fullPage: true });
});

test('the run list shows the run with its counts and findings; a viewer cannot start one', async ({
  page,
}) => {
  const id = runPath.split('/').at(-1) ?? '';
  await signIn(page, 'editor', '/admin/collection');
  await page.goto(url('/admin/collection'));
  await expect(page.getByRole('link', { name: 'Collection', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const row = page.getByTestId(`run-row-${id}`);
  await expect(page.getByTestId(`run-row-status-${id}`)).toHaveText('Completed');
  await expect(row).toContainText('3 added · 0 unchanged · 1 failed');
  await expect(row).toContainText('5 of 5 sources');
  await expect(row.locator('td').nth(6)).toHaveText('1');
  await expect(page.getByTestId('start-collection')).toBeVisible();
  await page.screenshot({ path: 'test-results/collection-list.png', fullPage: true });

  await signIn(page, 'viewer', '/admin/collection');
  await page.goto(url('/admin/collection'));
  await expect(page.getByTestId(`run-row-${id}`)).toBeVisible();
  await expect(page.getByTestId('start-collection')).toHaveCount(0);
  await page.goto(url(`/admin/projects/${PROJECT}`));
  await expect(page.getByTestId('project-sources')).toBeVisible();
  await expect(page.getByTestId('collect-now')).toHaveCount(0);
  await expect(page.getByTestId('sources-form')).toHaveCount(0);
});

test('the collection pages render in Chinese', async ({ page }) => {
  const id = runPath.split('/').at(-1) ?? '';
  await signIn(page, 'editor', '/admin/collection');
  await page.goto(url('/admin/collection'));
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('证据采集');
  await expect(page.getByTestId(`run-row-status-${id}`)).toHaveText('已完成');
  await expect(page.getByTestId(`run-row-${id}`)).toContainText('新增 3 · 未变 0 · 失败 1');
  await page.goto(url(runPath));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`采集任务 #${id}`);
  await expect(page.getByTestId('run-status')).toHaveText('已完成');
  await expect(page.getByTestId(`finding-${PROJECT}-not_found`)).toContainText('未找到');
  await expect(page.getByRole('link', { name: /检查项目来源/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/collection-run-zh.png', fullPage: true });
  // Back to English for the scenarios after this one.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a reviewer rejects the collected values from the queue; the run page shows them rejected', async ({
  page,
}) => {
  // Also leaves the review queue as the scenarios after this one expect it (no extra pending values).
  expect(collected).toHaveLength(3);
  await signIn(page, 'reviewer', `/admin/evidence?status=PENDING&project=${PROJECT}`);
  for (const id of collected) {
    await page.goto(url(`/admin/evidence?status=PENDING&project=${PROJECT}`));
    const note = page.locator(`#note-${id}`);
    // A value not flagged keeps its note behind "Reject"; a flagged one shows it.
    if (!(await note.isVisible())) {
      const summary = page.getByTestId(`evidence-row-${id}`).locator('summary');
      await summary.focus();
      await page.keyboard.press('Enter');
    }
    await note.fill("Collected from the end-to-end tests' local fake upstreams.");
    await page.locator(`button[name="intent"][value="reject:${id}"]`).click();
    await expect(page.getByRole('status').filter({ hasText: 'Rejected.' })).toBeVisible();
    await expect(page.getByTestId(`evidence-row-${id}`)).toHaveCount(0);
  }
  await page.goto(url(runPath));
  const evidence = page.getByRole('region', { name: 'Evidence added' });
  await expect(evidence.locator('tbody tr')).toHaveCount(3);
  for (const row of await evidence.locator('tbody tr').all()) await expect(row).toContainText('Rejected');
});

test("an editor fixes the project's sources on its page, from the keyboard; a bad identifier is marked on its row", async ({
  page,
}) => {
  // The run above found no GitHub repository deepseek-ai/DeepSeek-V3; the editor corrects it.
  await signIn(page, 'editor', `/admin/projects/${PROJECT}`);
  await page.goto(url(`/admin/projects/${PROJECT}#sources`));
  const form = page.getByTestId('sources-form');
  const list = page.getByTestId('project-sources');
  const github = form.getByRole('textbox', { name: 'Identifier of source 1' });
  await expect(github).toHaveValue('deepseek-ai/DeepSeek-V3');
  await expect(form.getByRole('combobox', { name: 'Kind of source 1' })).toHaveValue('GITHUB');
  await expect(form.getByRole('textbox', { name: 'Identifier of source 2' })).toHaveValue(
    'deepseek-ai/DeepSeek-V3',
  );

  // A bad identifier first (an owner without the repository), and a new PyPI row.
  await github.fill('deepseek-ai');
  const add = form.getByRole('button', { name: 'Add a source' });
  await add.focus();
  await page.keyboard.press('Enter');
  const kind3 = form.getByRole('combobox', { name: 'Kind of source 3' });
  await expect(kind3).toBeFocused();
  await kind3.selectOption('PYPI');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('textbox', { name: 'Identifier of source 3' })).toBeFocused();
  await page.keyboard.type('deepseek');
  const save = form.getByRole('button', { name: 'Save sources' });
  await save.focus();
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('source-error-0')).toHaveText(
    'sources[0].identifier must be OWNER/REPO for kind github',
  );
  await expect(github).toHaveAttribute('aria-invalid', 'true');
  // The rows keep what the editor chose.
  await expect(form.getByRole('combobox', { name: 'Kind of source 2' })).toHaveValue('HUGGINGFACE_MODEL');
  await expect(kind3).toHaveValue('PYPI');
  await expect(form.getByRole('textbox', { name: 'Identifier of source 3' })).toHaveValue('deepseek');
  await expect(form.getByRole('alert')).toHaveText('Some input is not valid.');
  // Nothing was written: the list is as it was.
  await expect(list).toContainText('github deepseek-ai/DeepSeek-V3');
  await expect(list).not.toContainText('pypi');
  await page.screenshot({ path: 'test-results/collection-sources-error.png', fullPage: true });

  // The corrected repository, pasted as a URL: saved as the bare identifier.
  await github.fill('https://github.com/deepseek-ai/DeepSeek-V3-Base');
  await save.focus();
  await page.keyboard.press('Enter');
  await expect(form.getByRole('status')).toHaveText('Sources saved.');
  await expect(form.getByTestId('source-error-0')).toHaveCount(0);
  await expect(github).toHaveValue('deepseek-ai/DeepSeek-V3-Base');
  await expect(list).toContainText('github deepseek-ai/DeepSeek-V3-Base');
  await expect(list).toContainText('huggingface_model deepseek-ai/DeepSeek-V3');
  await expect(list).toContainText('pypi deepseek');
  await page.screenshot({ path: 'test-results/collection-sources-saved.png', fullPage: true });

  // Still there after a reload; the PyPI row removed from the keyboard, focus stays in the form.
  await page.reload();
  await expect(list).toContainText('github deepseek-ai/DeepSeek-V3-Base');
  const remove = form.getByRole('button', { name: 'Remove source 3' });
  await remove.focus();
  await page.keyboard.press('Enter');
  await expect(form.getByRole('textbox', { name: 'Identifier of source 3' })).toHaveCount(0);
  await expect(form.getByRole('combobox', { name: 'Kind of source 2' })).toBeFocused();
  await save.focus();
  await page.keyboard.press('Enter');
  await expect(form.getByRole('status')).toHaveText('Sources saved.');
  await expect(list).not.toContainText('pypi');
  await expect(list.locator('li')).toHaveCount(2);
});
