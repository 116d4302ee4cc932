import { expect, type Page, test } from '@playwright/test';
import { signIn, url } from './helpers';

/**
 * The public downloads of a published edition are the API's export files (one implementation, read
 * from the edition's frozen snapshot): the admin route serves the same bytes as
 * `GET /editions/YEAR/export/FILE`, and a later catalogue edit changes none of them.
 */
const YEAR = 2024;
const FILES = [
  'results.csv',
  'projects.csv',
  'evidence.csv',
  'methodology.json',
  'manifest.json',
  'indicator_scores.csv',
  'datapackage.json',
  'CITATION.cff',
  'README.md',
];

function apiBase(): string {
  const graphql = process.env.API_URL;
  if (!graphql) throw new Error('API_URL is not set: global setup did not run');
  return new URL('/', graphql).toString().replace(/\/$/, '');
}

async function downloads(page: Page): Promise<Map<string, Buffer>> {
  const bodies = new Map<string, Buffer>();
  for (const file of FILES) {
    const response = await page.request.get(url(`/editions/${YEAR}/download?file=${file}`));
    expect(response.status(), file).toBe(200);
    bodies.set(file, await response.body());
  }
  for (const format of ['csv', 'json']) {
    const response = await page.request.get(url(`/editions/${YEAR}/download?format=${format}`));
    expect(response.status(), format).toBe(200);
    bodies.set(`format=${format}`, await response.body());
  }
  return bodies;
}

async function save(page: Page, path: string, field: string, value: string): Promise<void> {
  await page.goto(url(path));
  await page.locator(field).fill(value);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toBeVisible();
}

test('published downloads come from the snapshot: a later rename or country change alters no byte', async ({
  page,
}) => {
  const before = await downloads(page);
  // One implementation: the admin serves the API's export files byte for byte.
  for (const file of FILES) {
    const api = await page.request.get(`${apiBase()}/editions/${YEAR}/export/${file}`);
    expect(api.status(), file).toBe(200);
    expect((await api.body()).equals(before.get(file) ?? Buffer.alloc(0)), file).toBe(true);
  }
  expect(before.get('format=csv')?.equals(before.get('results.csv') ?? Buffer.alloc(0))).toBe(true);
  expect(before.get('format=json')?.equals(before.get('manifest.json') ?? Buffer.alloc(0))).toBe(true);
  expect(before.get('projects.csv')?.toString('utf8')).toContain('llama-cpp,llama.cpp,system,ggml,\n');

  await signIn(page, 'admin');
  try {
    await save(page, '/admin/projects/llama-cpp', '#project-name', 'Renamed after publication');
    await save(page, '/admin/organizations/ggml', '#org-country', 'BG');
    await page.context().clearCookies();
    const after = await downloads(page);
    for (const [file, body] of before) expect(after.get(file)?.equals(body), file).toBe(true);
    expect(after.get('projects.csv')?.toString('utf8')).not.toContain('Renamed after publication');
  } finally {
    // Put the catalogue back for the other scenarios sharing this database.
    await signIn(page, 'admin');
    await save(page, '/admin/projects/llama-cpp', '#project-name', 'llama.cpp');
    await save(page, '/admin/organizations/ggml', '#org-country', '');
  }
});

test('an unknown file or an unpublished year is a 404, a bad file name a 400', async ({ page }) => {
  expect((await page.request.get(url(`/editions/${YEAR}/download?file=secrets.txt`))).status()).toBe(404);
  expect((await page.request.get(url(`/editions/1999/download?file=results.csv`))).status()).toBe(404);
  expect((await page.request.get(url(`/editions/${YEAR}/download?file=../x`))).status()).toBe(400);
});
