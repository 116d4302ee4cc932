/**
 * Disputes end to end over HTTP (docs/disputes.md): contesting a value of a published edition, each
 * bad input refused with its field and nothing written, the per-address flood limit, the contact
 * address absent from every public answer (and from the audit log), withdrawal by token, and the
 * four-eyes rule on an accepted value: the accepting reviewer cannot approve it, another reviewer can.
 */
import { signClientAddress } from '@ranking/contracts/auth';
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestApi, TEST_SECRET, type TestApi } from './helpers';

const SUBMIT = `mutation ($input: SubmitDisputeInput!) {
  submitDispute(input: $input) { id status reason claim proposedValue sourceUrl withdrawalToken
    project { slug } indicator { key } createdAt decidedAt }
}`;

/** Every public field of a dispute. */
const PUBLIC_DISPUTE_FIELDS = `id status reason claim proposedValue sourceUrl createdAt decidedAt withdrawalToken
  project { slug name } indicator { key name } edition { id year } evidence { id value status sourceUrl }`;

const CONTACT = 'private-contact-7f3a@example.net';

let address = 0;
/** A fresh client address per test (signed as the admin server signs it), so limits do not mix. */
const fromAddress = () => signClientAddress(TEST_SECRET, `198.51.100.${++address}`);

describe.each(testDrivers())('disputes on %s', (driver) => {
  let api: TestApi;
  let editionId: string;
  let project: string;
  let indicator: string;
  /** An indicator of the methodology that does not score `project` (another dimension's). */
  let otherIndicator: string;
  let reviewer: string;
  let publisher: string;
  /** The server's log lines (JSON). */
  const logLines: string[] = [];

  const input = (overrides: Record<string, unknown> = {}) => ({
    edition: editionId,
    project,
    indicator,
    claim: 'The value is wrong: the repository moved.',
    contact: CONTACT,
    ...overrides,
  });

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true, log: (line) => logLines.push(line) });
    const res = await api.gql<{
      edition: {
        id: string;
        dimensions: { key: string; indicators: { key: string }[] }[];
      };
    }>(`{ edition(year: 2025) { id dimensions { key indicators { key } } } }`);
    const edition = res.data?.edition;
    if (!edition) throw new Error(JSON.stringify(res.errors));
    editionId = edition.id;
    const [first, second] = edition.dimensions;
    if (!first || !second) throw new Error('the demo has several dimensions');
    const ranking = await api.gql<{
      edition: {
        ranking: {
          edges: { node: { project: { slug: string }; indicators: { indicator: { key: string } }[] } }[];
        };
      };
    }>(
      `query ($d: String!) { edition(year: 2025) { ranking(dimension: $d, first: 1) { edges { node {
        project { slug } indicators { indicator { key } } } } } } }`,
      { d: first.key },
    );
    const node = ranking.data?.edition.ranking.edges[0]?.node;
    if (!node?.indicators[0]) throw new Error(JSON.stringify(ranking.errors));
    project = node.project.slug;
    indicator = node.indicators[0].indicator.key;
    const other = second.indicators.find((i) => !first.indicators.some((f) => f.key === i.key));
    if (!other) throw new Error('the second dimension has an indicator of its own');
    otherIndicator = other.key;
    reviewer = await api.tokenFor('reviewer');
    publisher = await api.tokenFor('publisher');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('takes a dispute from anyone with a contact, and answers it publicly without the contact', async () => {
    const res = await api.gql<{ submitDispute: Record<string, unknown> }>(
      SUBMIT,
      { input: input({ proposedValue: 1234, sourceUrl: 'https://140.82.112.3/owner/repo' }) },
      { headers: fromAddress() },
    );
    expect(res.errors).toBeUndefined();
    const dispute = res.data?.submitDispute;
    expect(dispute).toMatchObject({
      status: 'OPEN',
      reason: null,
      proposedValue: 1234,
      sourceUrl: 'https://140.82.112.3/owner/repo',
      project: { slug: project },
      indicator: { key: indicator },
      decidedAt: null,
    });
    expect(dispute?.withdrawalToken).toMatch(/^[\w-]{20,}$/);
    const again = await api.gql<{ dispute: Record<string, unknown> }>(
      `query ($id: ID!) { dispute(id: $id) { ${PUBLIC_DISPUTE_FIELDS} } }`,
      { id: dispute?.id },
    );
    expect(again.data?.dispute).toMatchObject({ id: dispute?.id, status: 'OPEN', withdrawalToken: null });
    expect(JSON.stringify(again)).not.toContain(CONTACT);
  });

  it('refuses each bad input naming the field, writing nothing', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ project: 'no-such-project' }, 'project', /not ranked in edition 2025/],
      [{ indicator: 'no_such_indicator' }, 'indicator', /not in the methodology/],
      [{ indicator: 'OTHER' }, 'indicator', /does not score project/],
      [{ edition: '999999' }, 'edition', /No edition with id 999999/],
      [{ claim: '   ' }, 'claim', /must not be empty/],
      [{ claim: 'x'.repeat(4001) }, 'claim', /4001 characters long; at most 4000/],
      [{ contact: null }, 'contact', /required/],
      [{ contact: 'not an address' }, 'contact', /email address/],
      [{ sourceUrl: 'http://127.0.0.1/stats' }, 'sourceUrl', /loopback/],
      [{ sourceUrl: 'http://10.1.2.3/stats' }, 'sourceUrl', /private/],
      [{ sourceUrl: 'http://169.254.169.254/latest/meta-data' }, 'sourceUrl', /metadata/],
      [{ sourceUrl: 'http://[::1]:8080/' }, 'sourceUrl', /loopback/],
      [{ sourceUrl: 'http://localhost/stats' }, 'sourceUrl', /localhost resolves to it/],
      [{ sourceUrl: 'ftp://140.82.112.3/file' }, 'sourceUrl', /not an http\(s\) URL/],
    ];
    const disputesBefore = await api.count('disputes');
    const auditBefore = await api.count('audit_log');
    for (const [overrides, field, message] of cases) {
      const fixed = overrides.indicator === 'OTHER' ? { ...overrides, indicator: otherIndicator } : overrides;
      const res = await api.gql(SUBMIT, { input: input(fixed) }, { headers: fromAddress() });
      expect(codeOf(res), JSON.stringify(overrides).slice(0, 80)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.field).toBe(field);
      expect(res.errors?.[0]?.message).toMatch(message);
    }
    expect(await api.count('disputes')).toBe(disputesBefore);
    expect(await api.count('audit_log')).toBe(auditBefore);
  });

  it('stores an HTML claim as given (it is shown as text)', async () => {
    const claim = '<script>alert(1)</script><b>bold</b> & "quotes"';
    const res = await api.gql<{ submitDispute: { id: string; claim: string } }>(
      SUBMIT,
      { input: input({ claim }) },
      { headers: fromAddress() },
    );
    expect(res.data?.submitDispute.claim).toBe(claim);
  });

  it('refuses a flood from one address with RATE_LIMITED, and only that address', async () => {
    const flood = fromAddress();
    const before = await api.count('disputes');
    const limit = api.deps.env.DISPUTE_RATE_LIMIT;
    for (let i = 0; i < limit; i++) {
      const res = await api.gql(SUBMIT, { input: input({ claim: `flood ${i}` }) }, { headers: flood });
      expect(res.errors).toBeUndefined();
    }
    const refused = await api.gql(SUBMIT, { input: input({ claim: 'one more' }) }, { headers: flood });
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(refused.errors?.[0]?.message).toMatch(/Too many disputes from this address/);
    expect(Number(refused.errors?.[0]?.extensions?.retryAfter)).toBeGreaterThan(0);
    expect(await api.count('disputes')).toBe(before + limit);
    const other = await api.gql(
      SUBMIT,
      { input: input({ claim: 'someone else' }) },
      { headers: fromAddress() },
    );
    expect(other.errors).toBeUndefined();
  });

  it('lets an API key with disputes:write submit without a contact, and refuses a key without it', async () => {
    const key = await api.keyWith(['disputes:write'], 'Partner University');
    const ok = await api.gql(SUBMIT, { input: input({ contact: null }) }, { token: key });
    expect(ok.errors).toBeUndefined();
    const readOnly = await api.keyWith(['read'], 'reader');
    const refused = await api.gql(SUBMIT, { input: input() }, { token: readOnly });
    expect(codeOf(refused)).toBe('FORBIDDEN');
  });

  it('withdraws with the submission token only; a decided dispute cannot be withdrawn', async () => {
    const res = await api.gql<{ submitDispute: { id: string; withdrawalToken: string } }>(
      SUBMIT,
      { input: input() },
      { headers: fromAddress() },
    );
    const { id, withdrawalToken } = res.data?.submitDispute ?? { id: '', withdrawalToken: '' };
    const WITHDRAW = `mutation ($id: ID!, $token: String) { withdrawDispute(id: $id, token: $token) { id status decidedAt } }`;
    const wrong = await api.gql(WITHDRAW, { id, token: `${withdrawalToken}x` });
    expect(codeOf(wrong)).toBe('FORBIDDEN');
    const noToken = await api.gql(WITHDRAW, { id });
    expect(codeOf(noToken)).toBe('UNAUTHENTICATED');
    const ok = await api.gql<{ withdrawDispute: { status: string; decidedAt: string } }>(WITHDRAW, {
      id,
      token: withdrawalToken,
    });
    expect(ok.data?.withdrawDispute.status).toBe('WITHDRAWN');
    const twice = await api.gql(WITHDRAW, { id, token: withdrawalToken });
    expect(codeOf(twice)).toBe('CONFLICT');
  });

  it('accepts into a pending value that only another reviewer can approve (four eyes)', async () => {
    const res = await api.gql<{ submitDispute: { id: string } }>(
      SUBMIT,
      { input: input({ proposedValue: 4321.5, sourceUrl: 'https://140.82.112.4/owner/repo/stats' }) },
      { headers: fromAddress() },
    );
    const id = res.data?.submitDispute.id;
    const anonymousAccept = await api.gql(`mutation ($id: ID!) { acceptDispute(id: $id) { id } }`, { id });
    expect(codeOf(anonymousAccept)).toBe('UNAUTHENTICATED');

    const accepted = await api.gql<{
      acceptDispute: {
        status: string;
        reason: string;
        decidedAt: string;
        evidence: { id: string; status: string; value: number; sourceKind: string; dispute: { id: string } };
      };
    }>(
      `mutation ($id: ID!) { acceptDispute(id: $id, reason: "The source confirms it") {
        status reason decidedAt evidence { id status value sourceKind dispute { id } } } }`,
      { id },
      { token: reviewer },
    );
    expect(accepted.errors).toBeUndefined();
    const decision = accepted.data?.acceptDispute;
    expect(decision).toMatchObject({
      status: 'ACCEPTED',
      reason: 'The source confirms it',
      evidence: { status: 'PENDING', value: 4321.5, sourceKind: 'WEBSITE', dispute: { id } },
    });
    const evidenceId = decision?.evidence.id;

    // Pending evidence is not public: the public decision page does not show it.
    const publicView = await api.gql<{ dispute: { status: string; evidence: unknown } }>(
      `query ($id: ID!) { dispute(id: $id) { status evidence { id } } }`,
      { id },
    );
    expect(publicView.data?.dispute).toEqual({ status: 'ACCEPTED', evidence: null });

    const REVIEW = `mutation ($id: ID!) { reviewEvidence(id: $id, decision: APPROVE, note: "checked") { id status } }`;
    const own = await api.gql(REVIEW, { id: evidenceId }, { token: reviewer });
    expect(codeOf(own)).toBe('FORBIDDEN');
    const other = await api.gql<{ reviewEvidence: { status: string } }>(
      REVIEW,
      { id: evidenceId },
      { token: publisher },
    );
    expect(other.errors).toBeUndefined();
    expect(other.data?.reviewEvidence.status).toBe('APPROVED');

    const again = await api.gql(
      `mutation ($id: ID!) { rejectDispute(id: $id, reason: "late") { id } }`,
      { id },
      { token: reviewer },
    );
    expect(codeOf(again)).toBe('CONFLICT');
  });

  it('rejects only with a public reason, and counts and lists the edition disputes without contacts', async () => {
    const res = await api.gql<{ submitDispute: { id: string } }>(
      SUBMIT,
      { input: input() },
      { headers: fromAddress() },
    );
    const id = res.data?.submitDispute.id;
    const REJECT = `mutation ($id: ID!, $reason: String!) { rejectDispute(id: $id, reason: $reason) { status reason } }`;
    const blank = await api.gql(REJECT, { id, reason: '  ' }, { token: reviewer });
    expect(codeOf(blank)).toBe('BAD_USER_INPUT');
    expect(blank.errors?.[0]?.extensions?.field).toBe('reason');
    const rejected = await api.gql(
      REJECT,
      { id, reason: 'The value matches the source at the cutoff' },
      { token: reviewer },
    );
    expect(rejected.data).toEqual({
      rejectDispute: { status: 'REJECTED', reason: 'The value matches the source at the cutoff' },
    });

    const counts = await api.gql<{
      edition: { disputeCounts: Record<string, number>; disputes: { totalCount: number } };
    }>(
      `query { edition(year: 2025) { disputeCounts { raised open accepted rejected withdrawn }
        disputes(first: 100) { totalCount edges { cursor node { ${PUBLIC_DISPUTE_FIELDS} } } } } }`,
    );
    expect(counts.errors).toBeUndefined();
    const c = counts.data?.edition.disputeCounts;
    expect(c?.accepted).toBe(1);
    expect(c?.rejected).toBe(1);
    expect(c?.withdrawn).toBe(1);
    expect(c?.raised).toBe((c?.open ?? 0) + 3);
    // Withdrawn disputes are not listed.
    expect(counts.data?.edition.disputes.totalCount).toBe((c?.raised ?? 0) - 1);
    expect(JSON.stringify(counts)).not.toContain(CONTACT);

    // Nor does the reviewers' list, nor the audit log.
    const triage = await api.gql(
      `query ($e: ID!) { disputes(filter: { edition: $e, status: [OPEN, ACCEPTED, REJECTED, WITHDRAWN] }, first: 100) {
        totalCount edges { node { ${PUBLIC_DISPUTE_FIELDS} } } } }`,
      { e: editionId },
      { token: reviewer },
    );
    expect(triage.errors).toBeUndefined();
    expect(JSON.stringify(triage)).not.toContain(CONTACT);
    const anonymousTriage = await api.gql(`{ disputes { totalCount } }`);
    expect(codeOf(anonymousTriage)).toBe('UNAUTHENTICATED');
    const audit = await api.gql(
      `{ auditLog(first: 100) { edges { node { action before after } } } }`,
      undefined,
      {
        token: await api.tokenFor('admin'),
      },
    );
    expect(audit.errors).toBeUndefined();
    expect(JSON.stringify(audit)).toContain('dispute.reject');
    expect(JSON.stringify(audit)).not.toContain(CONTACT);
  });

  it('logs and skips the decision emails without SMTP_URL, never logging the address', async () => {
    // The decisions above had contacts; with no SMTP server configured each email is skipped.
    const deadline = Date.now() + 20_000;
    while (!logLines.some((l) => l.includes('decision email skipped')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await api.deps.disputeMail.idle();
    expect(logLines.filter((l) => l.includes('decision email skipped')).length).toBeGreaterThanOrEqual(2);
    expect(logLines.join('\n')).not.toContain(CONTACT);
    expect(await api.count('dispute_emails where sent_at is null')).toBe(0);
  });

  it('refuses a body over the size limit before anything runs', async () => {
    const before = await api.count('disputes');
    const claim = 'x'.repeat(api.deps.env.BODY_LIMIT_BYTES + 1);
    const res = await api.gql(SUBMIT, { input: input({ claim }) }, { headers: fromAddress() });
    expect(res.status).toBe(413);
    expect(codeOf(res)).toBe('PAYLOAD_TOO_LARGE');
    expect(await api.count('disputes')).toBe(before);
  });
});
