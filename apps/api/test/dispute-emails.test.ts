/**
 * Decision emails (docs/disputes.md, "Emails") against a real SMTP server on 127.0.0.1 (smtp-server):
 * a decision commits at once and results in one email to the contact, with the right subject and a
 * signed link to the public decision page that verifies, names the dispute and not the contact; a
 * failed delivery does not touch the decision and is retried once its delay has passed.
 */
import type { AddressInfo } from 'node:net';
import { verifyDisputeLink } from '@ranking/contracts/auth';
import { testDrivers } from '@ranking/schema/testing';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestApi, TEST_SECRET, type TestApi } from './helpers';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** An SMTP sink; `refuseNext` answers the next message with a temporary failure. */
async function startSink() {
  const received: Received[] = [];
  const state = { refuseNext: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.refuseNext > 0) {
          state.refuseNext--;
          const error = Object.assign(new Error('try again later'), { responseCode: 451 });
          callback(error);
          return;
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    state,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Quoted-printable soft breaks and escapes undone (nodemailer folds long lines). */
const decoded = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const CONTACT = 'submitter-91c2@example.net';

describe.each(testDrivers())('dispute decision emails on %s', (driver) => {
  let api: TestApi;
  let sink: Awaited<ReturnType<typeof startSink>>;
  let reviewer: string;
  let offsetMs = 0;
  let editionId: string;
  let project: string;
  let indicator: string;

  beforeAll(async () => {
    sink = await startSink();
    api = await startTestApi(driver, {
      seed: true,
      env: {
        SMTP_URL: sink.url,
        MAIL_FROM: 'Ranking <ranking@example.org>',
        ADMIN_URL: 'https://ranking.example.org',
      },
      // The clock the outbox's retry delays are measured on: moved forward by the test.
      now: () => new Date(Date.now() + offsetMs),
    });
    reviewer = await api.tokenFor('reviewer');
    const res = await api.gql<{
      edition: { id: string; dimensions: { key: string }[] };
    }>(`{ edition(year: 2025) { id dimensions { key } } }`);
    editionId = res.data?.edition.id ?? '';
    const ranking = await api.gql<{
      edition: {
        ranking: {
          edges: { node: { project: { slug: string }; indicators: { indicator: { key: string } }[] } }[];
        };
      };
    }>(
      `query ($d: String!) { edition(year: 2025) { ranking(dimension: $d, first: 1) { edges { node {
        project { slug } indicators { indicator { key } } } } } } }`,
      { d: res.data?.edition.dimensions[0]?.key },
    );
    const node = ranking.data?.edition.ranking.edges[0]?.node;
    project = node?.project.slug ?? '';
    indicator = node?.indicators[0]?.indicator.key ?? '';
  });

  afterAll(async () => {
    await api?.close();
    await sink?.close();
  });

  const submit = async () => {
    const res = await api.gql<{ submitDispute: { id: string } }>(
      `mutation ($input: SubmitDisputeInput!) { submitDispute(input: $input) { id } }`,
      { input: { edition: editionId, project, indicator, claim: 'Wrong value', contact: CONTACT } },
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.submitDispute.id;
  };

  it('sends one email to the contact with a signed link to the decision page', async () => {
    const id = await submit();
    const before = sink.received.length;
    const res = await api.gql(
      `mutation ($id: ID!) { rejectDispute(id: $id, reason: "The source shows the stored value") { status } }`,
      { id },
      { token: reviewer },
    );
    expect(res.data).toEqual({ rejectDispute: { status: 'REJECTED' } });
    const mail = await until('the email', () => sink.received[before]);
    await api.deps.disputeMail.idle();
    expect(sink.received).toHaveLength(before + 1);
    expect(mail.to).toEqual([CONTACT]);
    expect(mail.from).toBe('ranking@example.org');
    const text = decoded(mail.raw);
    expect(text).toMatch(new RegExp(`^Subject: Your dispute #${id} was rejected\\r?$`, 'm'));
    expect(text).toContain('Reason: The source shows the stored value');
    const link = /https:\/\/ranking\.example\.org\/disputes\/\S+/.exec(text)?.[0];
    expect(link).toBeDefined();
    const url = new URL(link ?? '');
    expect(url.pathname).toBe(`/disputes/${id}`);
    expect(link).not.toContain(CONTACT);
    expect(link).not.toContain(encodeURIComponent(CONTACT));
    expect(
      verifyDisputeLink(TEST_SECRET, id, url.searchParams.get('expires'), url.searchParams.get('sig')),
    ).toBe(true);
    // Another dispute's id, a changed expiry or another secret do not verify.
    expect(
      verifyDisputeLink(TEST_SECRET, `${id}0`, url.searchParams.get('expires'), url.searchParams.get('sig')),
    ).toBe(false);
    expect(
      verifyDisputeLink(
        TEST_SECRET,
        id,
        Number(url.searchParams.get('expires')) + 1,
        url.searchParams.get('sig'),
      ),
    ).toBe(false);
    // The page it opens reads this dispute: public, with its decision.
    const page = await api.gql<{ dispute: { status: string; reason: string } }>(
      `query ($id: ID!) { dispute(id: $id) { status reason } }`,
      { id: url.pathname.split('/').pop() },
    );
    expect(page.data?.dispute).toEqual({ status: 'REJECTED', reason: 'The source shows the stored value' });
  });

  it('keeps the decision when delivery fails, and retries after the delay', async () => {
    const id = await submit();
    const before = sink.received.length;
    sink.state.refuseNext = 1;
    const res = await api.gql(
      `mutation ($id: ID!) { acceptDispute(id: $id, reason: "Right") { status } }`,
      { id },
      { token: reviewer },
    );
    expect(codeOf(res)).toBeUndefined();
    expect(res.data).toEqual({ acceptDispute: { status: 'ACCEPTED' } });
    const failed = await until('the failed attempt', async () => {
      const rows = await api.handle.db.execute<{
        attempts: number;
        last_error: string | null;
        sent_at: unknown;
      }>(`SELECT attempts, last_error, sent_at FROM dispute_emails WHERE dispute_id = ${Number(id)}`);
      const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: typeof rows }).rows;
      const row = (list as { attempts: number; last_error: string | null; sent_at: unknown }[])[0];
      return row && row.attempts === 1 ? row : undefined;
    });
    expect(failed.sent_at).toBeNull();
    expect(failed.last_error).toMatch(/try again later/);
    expect(sink.received).toHaveLength(before);
    // Past the first retry delay (30 s), the next drain delivers it.
    offsetMs += 31_000;
    api.deps.disputeMail.kick();
    const mail = await until('the retried email', () => sink.received[before]);
    expect(mail.to).toEqual([CONTACT]);
    expect(decoded(mail.raw)).toMatch(new RegExp(`^Subject: Your dispute #${id} was accepted\\r?$`, 'm'));
  });
});
