/**
 * Contest windows (docs/disputes.md, "Contest window"): a publisher opens one on a computed edition;
 * while it is open the edition takes disputes and (PUBLIC) everyone sees its draft ranking by id, while
 * `edition(year)` keeps answering the published revision; a CONTACTS window hides the draft and
 * takes disputes only through a contact's signed link (test/contest-contacts.test.ts); once closed, submissions are refused saying when it closed; a draft without a
 * window takes none; after publication the dispute counts are public.
 */
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestApi, type TestApi } from './helpers';

const OPEN = `mutation ($e: ID!, $o: DateTime!, $c: DateTime!, $v: ContestVisibility) {
  openContestWindow(edition: $e, opensAt: $o, closesAt: $c, visibility: $v) { opensAt closesAt visibility isOpen }
}`;
const SUBMIT = `mutation ($input: SubmitDisputeInput!) { submitDispute(input: $input) { id status } }`;
const DRAFT = `query ($id: ID!) { editionById(id: $id) { id status disputeCounts { raised }
  contestWindow { visibility isOpen } ranking(dimension: "model", first: 1) { edges { node { project { slug } } } } } }`;

const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

describe.each(testDrivers())('contest windows on %s', (driver) => {
  let api: TestApi;
  let publisher: string;
  let reviewer: string;
  let draftId: string;
  let project: string;
  let indicator: string;

  const input = () => ({
    edition: draftId,
    project,
    indicator,
    claim: 'The draft value is wrong',
    contact: 'someone@example.net',
  });

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
    publisher = await api.tokenFor('publisher');
    reviewer = await api.tokenFor('reviewer');
    const created = await api.gql<{ createEdition: { id: string } }>(
      `mutation { createEdition(input: { year: 2026, title: "2026, contested", cutoff: "2026-11-30" }) { id } }`,
      undefined,
      { token: publisher },
    );
    draftId = created.data?.createEdition.id ?? '';
    const beforeCompute = await api.gql(
      OPEN,
      { e: draftId, o: at(-60_000), c: at(3_600_000) },
      { token: publisher },
    );
    expect(codeOf(beforeCompute)).toBe('BAD_USER_INPUT');
    expect(beforeCompute.errors?.[0]?.message).toMatch(/Only a computed edition/);
    const computed = await api.gql(
      `mutation ($id: ID!) { computeEdition(id: $id) { status } }`,
      { id: draftId },
      { token: publisher },
    );
    expect(computed.errors).toBeUndefined();
    const ranking = await api.gql<{
      editionById: {
        ranking: {
          edges: { node: { project: { slug: string }; indicators: { indicator: { key: string } }[] } }[];
        };
      };
    }>(
      `query ($id: ID!) { editionById(id: $id) { ranking(dimension: "model", first: 1) { edges { node {
        project { slug } indicators { indicator { key } } } } } } }`,
      { id: draftId },
      { token: publisher },
    );
    const node = ranking.data?.editionById.ranking.edges[0]?.node;
    project = node?.project.slug ?? '';
    indicator = node?.indicators[0]?.indicator.key ?? '';
    expect(project).not.toBe('');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('refuses disputes on a computed edition without a window, and hides it', async () => {
    const refused = await api.gql(SUBMIT, { input: input() });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.field).toBe('edition');
    expect(refused.errors?.[0]?.message).toMatch(/not published and has no contest window/);
    const hidden = await api.gql(DRAFT, { id: draftId });
    expect(hidden.data?.editionById).toBeNull();
  });

  it('only lets a publisher open a window, with closesAt after opensAt', async () => {
    const byReviewer = await api.gql(
      OPEN,
      { e: draftId, o: at(-60_000), c: at(3_600_000) },
      { token: reviewer },
    );
    expect(codeOf(byReviewer)).toBe('FORBIDDEN');
    const backwards = await api.gql(
      OPEN,
      { e: draftId, o: at(60_000), c: at(-60_000) },
      { token: publisher },
    );
    expect(codeOf(backwards)).toBe('BAD_USER_INPUT');
    expect(backwards.errors?.[0]?.extensions?.field).toBe('closesAt');
  });

  it('during a PUBLIC window: takes disputes and shows the draft by id, not as the year default', async () => {
    const opened = await api.gql(
      OPEN,
      { e: draftId, o: at(-60_000), c: at(3_600_000), v: 'PUBLIC' },
      { token: publisher },
    );
    expect(opened.data?.openContestWindow).toMatchObject({ visibility: 'PUBLIC', isOpen: true });
    const shown = await api.gql<{
      editionById: { status: string; ranking: { edges: unknown[] }; contestWindow: unknown };
    }>(DRAFT, { id: draftId });
    expect(shown.errors).toBeUndefined();
    expect(shown.data?.editionById).toMatchObject({
      status: 'COMPUTED',
      contestWindow: { visibility: 'PUBLIC', isOpen: true },
    });
    expect(shown.data?.editionById.ranking.edges).toHaveLength(1);
    const byYear = await api.gql<{ edition: { revision: number; status: string } }>(
      `{ edition(year: 2026) { revision status } }`,
    );
    expect(byYear.data?.edition).toEqual({ revision: 1, status: 'PUBLISHED' });
    for (const claim of ['The draft value is wrong', 'The draft value is still wrong']) {
      const ok = await api.gql(SUBMIT, { input: { ...input(), claim } });
      expect(ok.errors).toBeUndefined();
    }
  });

  it('during a CONTACTS window: hides the draft and takes disputes only through a contact link', async () => {
    await api.gql(
      OPEN,
      { e: draftId, o: at(-60_000), c: at(3_600_000), v: 'CONTACTS' },
      { token: publisher },
    );
    const hidden = await api.gql(DRAFT, { id: draftId });
    expect(hidden.data?.editionById).toBeNull();
    // The links and what they grant: test/contest-contacts.test.ts.
    const refused = await api.gql(SUBMIT, { input: input() });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/registered contacts/);
  });

  it('after the window closes: refuses submissions saying when it closed, and hides the draft', async () => {
    const closesAt = at(-1_000);
    await api.gql(OPEN, { e: draftId, o: at(-3_600_000), c: closesAt, v: 'PUBLIC' }, { token: publisher });
    const before = await api.count('disputes');
    const refused = await api.gql(SUBMIT, { input: input() });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.field).toBe('edition');
    expect(refused.errors?.[0]?.message).toContain(`closed at ${new Date(closesAt).toISOString()}`);
    expect(await api.count('disputes')).toBe(before);
    const hidden = await api.gql(DRAFT, { id: draftId });
    expect(hidden.data?.editionById).toBeNull();
  });

  it('publication shows how many disputes were raised, accepted and rejected', async () => {
    const list = await api.gql<{ disputes: { edges: { node: { id: string } }[] } }>(
      `query ($e: ID!) { disputes(filter: { edition: $e }) { edges { node { id } } } }`,
      { e: draftId },
      { token: reviewer },
    );
    const [first, second] = list.data?.disputes.edges.map((e) => e.node.id) ?? [];
    await api.gql(
      `mutation ($id: ID!) { acceptDispute(id: $id, reason: "Checked") { id } }`,
      { id: first },
      { token: reviewer },
    );
    await api.gql(
      `mutation ($id: ID!) { rejectDispute(id: $id, reason: "Matches the source") { id } }`,
      { id: second },
      { token: reviewer },
    );
    const hash = await api.gql<{ editionById: { contentHash: string } }>(
      `query ($id: ID!) { editionById(id: $id) { contentHash } }`,
      { id: draftId },
      { token: publisher },
    );
    const published = await api.gql(
      `mutation ($id: ID!, $h: String!) { publishEdition(id: $id, contentHash: $h) { status } }`,
      { id: draftId, h: hash.data?.editionById.contentHash },
      { token: publisher },
    );
    expect(published.errors).toBeUndefined();
    const counts = await api.gql(
      `{ edition(year: 2026) { revision disputeCounts { raised accepted rejected open withdrawn } } }`,
    );
    expect(counts.data).toEqual({
      edition: { revision: 2, disputeCounts: { raised: 2, accepted: 1, rejected: 1, open: 0, withdrawn: 0 } },
    });
  });
});
