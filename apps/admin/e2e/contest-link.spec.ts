import { expect, type Page, test } from '@playwright/test';
import { signContestLink } from '@ranking/contracts/auth';
import { DEMO_PASSWORD, url } from './helpers';

/**
 * A CONTACTS contest window in the browser (docs/disputes.md, "Contest window"): a publisher computes
 * a new revision and opens a CONTACTS window; a registered contact's signed link (signed here with
 * the run's AUTH_SECRET, as the API's email would be) shows the draft ranking, the project's values
 * and a contest form that submits; the same page without the link, or with a tampered signature or
 * project, shows no draft (404). An editor sees the project's contacts on the admin project page.
 */
const CONTACT = 'e2e-maintainer-77c1@example.org';

async function gql<T>(page: Page, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const api = process.env.API_URL;
  if (!api) throw new Error('API_URL is not set: global setup did not run');
  const response = await page.request.post(api, {
    data: { query, variables },
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const body = (await response.json()) as { data: T; errors?: { message: string }[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

test('a contact’s signed link shows the CONTACTS draft and takes a dispute; without it, nothing', async ({
  page,
}) => {
  const secret = process.env.E2E_AUTH_SECRET;
  if (!secret) throw new Error('E2E_AUTH_SECRET is not set: global setup did not run');
  const { signIn } = await gql<{ signIn: { token: string } }>(
    page,
    `mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`,
    { e: 'publisher@example.org', p: DEMO_PASSWORD },
  );
  const token = signIn.token;
  const { createEdition: edition } = await gql<{
    createEdition: { id: string; year: number; revision: number };
  }>(
    page,
    `mutation { createEdition(input: { year: 2026, title: "2026, contacts' draft", cutoff: "2026-11-30" }) { id year revision } }`,
    {},
    token,
  );
  await gql(page, `mutation ($id: ID!) { computeEdition(id: $id) { status } }`, { id: edition.id }, token);
  const { editionById } = await gql<{
    editionById: { ranking: { edges: { node: { project: { slug: string; name: string } } }[] } };
  }>(
    page,
    `query ($id: ID!) { editionById(id: $id) { ranking(dimension: "model", first: 1) { edges { node { project { slug name } } } } } }`,
    { id: edition.id },
    token,
  );
  const project = editionById.ranking.edges[0]?.node.project;
  if (!project) throw new Error('the draft ranks no model');
  await gql(
    page,
    `mutation ($p: String!, $c: [ProjectContactInput!]!) { setProjectContacts(project: $p, contacts: $c) { slug } }`,
    { p: project.slug, c: [{ email: CONTACT, name: 'E2E Maintainer' }] },
    token,
  );
  const closesAt = new Date(Date.now() + 3_600_000);
  await gql(
    page,
    `mutation ($e: ID!, $o: DateTime!, $c: DateTime!) {
      openContestWindow(edition: $e, opensAt: $o, closesAt: $c, visibility: CONTACTS) { isOpen } }`,
    { e: edition.id, o: new Date(Date.now() - 60_000).toISOString(), c: closesAt.toISOString() },
    token,
  );

  const signed = signContestLink(
    secret,
    { year: edition.year, revision: edition.revision, project: project.slug },
    closesAt.getTime(),
  );
  const base = `/editions/${edition.year}?revision=${edition.revision}`;
  const link = `${base}&project=${project.slug}&expires=${signed.expires}&sig=${signed.sig}`;

  // Without the link, with a tampered signature, or with the signature moved to another project: no draft.
  const otherSig = `${signed.sig.slice(0, -1)}${signed.sig.endsWith('0') ? '1' : '0'}`;
  for (const path of [
    base,
    `${base}&project=${project.slug}&expires=${signed.expires}&sig=${otherSig}`,
    `${base}&project=${project.slug}-x&expires=${signed.expires}&sig=${signed.sig}`,
    `${base}&project=${project.slug}&expires=${signed.expires + 60}&sig=${signed.sig}`,
  ]) {
    const response = await page.goto(url(path));
    expect(response?.status(), path).toBe(404);
    await expect(page.getByTestId('public-ranking')).toHaveCount(0);
  }

  // With it: the draft, its notice, the project's values and the form.
  await page.goto(url(`${link}&dimension=model`));
  await expect(page.getByTestId('contest-draft')).toBeVisible();
  await expect(page.getByTestId('contest-link')).toBeVisible();
  await expect(page.getByTestId('public-ranking')).toContainText(project.name);
  const section = page.getByTestId('contest-project').first();
  await expect(section).toBeVisible();
  expect(await page.content()).not.toContain(CONTACT);
  const form = section.getByTestId('contest-form');
  await form.locator('textarea[name="claim"]').fill('Our draft value misses last month');
  await form.locator('input[name="contact"]').fill(CONTACT);
  await form.getByRole('button', { name: /^(Send the dispute|提交异议)$/ }).click();
  await expect(form.getByTestId('dispute-submitted')).toBeVisible();

  // The editor's admin project page lists the contact (and the public project page never does).
  await page.goto(url('/signin?callbackUrl=%2Fadmin'));
  await page.getByLabel(/^(Email|电子邮箱)$/).fill('editor@example.org');
  await page.getByLabel(/^(Password|密码)$/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
  await expect(page.getByTestId('user-role')).toBeVisible();
  await page.goto(url(`/admin/projects/${project.slug}`));
  await expect(page.getByTestId('project-contacts')).toContainText(CONTACT);
  await page.goto(url(`/projects/${project.slug}`));
  expect(await page.content()).not.toContain(CONTACT);

  // Leave no open window behind for the scenarios after this one.
  await gql(
    page,
    `mutation ($e: ID!, $o: DateTime!, $c: DateTime!) {
      openContestWindow(edition: $e, opensAt: $o, closesAt: $c, visibility: CONTACTS) { isOpen } }`,
    {
      e: edition.id,
      o: new Date(Date.now() - 120_000).toISOString(),
      c: new Date(Date.now() - 60_000).toISOString(),
    },
    token,
  );
});
