import { expect, type Page, test } from '@playwright/test';
import { url } from './helpers';

/**
 * The demo's worked correction (docs/corrections.md, docs/disputes.md) in the browser: the public
 * errata of 2024 show revision 2's dated correction (project, indicator, old → new value, ranks,
 * cause) with a link to the accepted dispute's decision page; that page and the rejected dispute's
 * page show their public text and never the demo disputes' contact address; the zh locale renders.
 * What the pages must show is read from the API (API_URL), not copied from the seed.
 */
const CONTACT = 'maintainer@example.org';

interface Erratum {
  indicator: string;
  oldValue: number | null;
  newValue: number | null;
  cause: string | null;
  disputeId: string | null;
  project: { slug: string; name: string };
  dimensions: { oldRank: number | null; newRank: number | null }[];
}
interface DisputeNode {
  id: string;
  status: string;
  claim: string;
  reason: string | null;
}

async function gql<T>(page: Page, query: string): Promise<T> {
  const api = process.env.API_URL;
  if (!api) throw new Error('API_URL is not set: global setup did not run');
  const response = await page.request.post(api, { data: { query } });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function demo(page: Page): Promise<{ erratum: Erratum; disputes: DisputeNode[] }> {
  const data = await gql<{
    revision2: { publishedAt: string; errata: Erratum[] };
    revision1: { disputes: { edges: { node: DisputeNode }[] } };
  }>(
    page,
    `{
    revision2: edition(year: 2024, revision: 2) { publishedAt
      errata { indicator oldValue newValue cause disputeId project { slug name }
        dimensions { oldRank newRank } } }
    revision1: edition(year: 2024, revision: 1) {
      disputes(first: 100) { edges { node { id status claim reason } } } }
  }`,
  );
  const erratum = data.revision2.errata[0];
  if (!erratum) throw new Error('the demo has no erratum in 2024 revision 2');
  return { erratum, disputes: data.revision1.disputes.edges.map((e) => e.node) };
}

test('the 2024 errata show the dated correction linked to the accepted dispute; the decision pages show no contact', async ({
  page,
}) => {
  const { erratum, disputes } = await demo(page);
  expect(erratum.cause).toBe('DISPUTE');
  expect(erratum.disputeId).not.toBeNull();

  await page.goto(url('/editions/2024/errata'));
  const section = page.getByTestId('errata-revision-2');
  await expect(section.getByRole('heading', { level: 2 })).toHaveText(/^Revision 2, published /);
  await expect(section).toContainText('Insertion (only the corrected projects move)');
  const row = section.locator('tbody tr').first();
  const cells = row.locator('td');
  await expect(cells.nth(0)).toContainText(erratum.project.name);
  await expect(cells.nth(1)).toHaveText(erratum.indicator);
  await expect(cells.nth(2)).toContainText('→');
  const [oldRank, newRank] = [erratum.dimensions[0]?.oldRank, erratum.dimensions[0]?.newRank];
  await expect(cells.nth(5)).toHaveText(oldRank === newRank ? String(newRank) : `${oldRank} → ${newRank}`);
  await expect(cells.nth(6)).toContainText('Upheld dispute');
  expect(await page.content()).not.toContain(CONTACT);

  // The link leads to the public decision of the accepted dispute.
  await row.getByTestId(`errata-dispute-${erratum.disputeId}`).click();
  await expect(page).toHaveURL(new RegExp(`/disputes/${erratum.disputeId}$`));
  await expect(page.getByTestId('dispute-status')).toHaveText('Accepted');
  const accepted = disputes.find((d) => d.id === erratum.disputeId);
  expect(accepted?.status).toBe('ACCEPTED');
  await expect(page.getByTestId('dispute-claim')).toHaveText(accepted?.claim ?? '');
  expect(await page.content()).not.toContain(CONTACT);

  // The rejected dispute of the demo, with its public reason.
  const rejected = disputes.find((d) => d.status === 'REJECTED');
  expect(rejected?.reason).toBeTruthy();
  await page.goto(url(`/disputes/${rejected?.id}`));
  await expect(page.getByTestId('dispute-status')).toHaveText('Rejected');
  await expect(page.getByTestId('dispute-reason')).toHaveText(rejected?.reason ?? '');
  expect(await page.content()).not.toContain(CONTACT);
});

test('the errata and the decision page render in Chinese', async ({ page, context }) => {
  const { erratum } = await demo(page);
  await context.addCookies([{ name: 'lang', value: 'zh', url: url('/') }]);
  await page.goto(url('/editions/2024/errata'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('勘误');
  const section = page.getByTestId('errata-revision-2');
  await expect(section.getByRole('heading', { level: 2 })).toHaveText(/^修订版 2，发布于 /);
  await expect(section).toContainText('异议成立');
  await section.getByTestId(`errata-dispute-${erratum.disputeId}`).click();
  await expect(page.getByTestId('dispute-status')).toHaveText('已接受');
});
