/**
 * Project contacts and CONTACTS contest windows (docs/disputes.md, "Project contacts" and "Contest
 * window"), against a real SMTP server on 127.0.0.1 (smtp-server): editors manage a project's
 * contacts (errors by path, all or nothing, staff-only reads, no address in the audit log or logs);
 * opening a CONTACTS window emails each contact of each ranked project a signed link once per window
 * dates; the link's token shows the draft and lets the contact contest their project's values, while
 * a missing, tampered or other edition's token shows nothing and may not contest.
 */
import type { AddressInfo } from 'node:net';
import { contestToken, verifyContestLink } from '@ranking/contracts/auth';
import { testDrivers } from '@ranking/schema/testing';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext } from '../src/context';
import { importProjectContacts } from '../src/modules/disputes/contacts-service';
import { codeOf, startTestApi, TEST_SECRET, type TestApi } from './helpers';

interface Received {
  to: string[];
  raw: string;
}

async function startSink() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
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
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Quoted-printable soft breaks and escapes undone (nodemailer folds long lines). */
const decoded = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

const linkIn = (raw: string) => {
  const match = /https:\/\/ranking\.example\.org\/editions\/\S+/.exec(decoded(raw));
  if (!match) throw new Error(`no link in ${raw}`);
  return new URL(match[0]);
};

const SET = `mutation ($p: String!, $c: [ProjectContactInput!]!) {
  setProjectContacts(project: $p, contacts: $c) { slug contacts { id email name addedBy { email } } } }`;
const OPEN = `mutation ($e: ID!, $o: DateTime!, $c: DateTime!, $v: ContestVisibility) {
  openContestWindow(edition: $e, opensAt: $o, closesAt: $c, visibility: $v) { visibility isOpen } }`;
const SUBMIT = `mutation ($input: SubmitDisputeInput!) { submitDispute(input: $input) { id status } }`;
const DRAFT = `query ($y: Int!, $r: Int!) { edition(year: $y, revision: $r) { id status
  ranking(dimension: "model", first: 50) { edges { node { project { slug } } } } } }`;

const A1 = 'first-contact-5d1e@example.org';
const A2 = 'second-contact-5d1e@example.org';
const B1 = 'other-project-5d1e@example.org';
const LATE = 'late-contact-5d1e@example.org';
const ADDRESSES = [A1, A2, B1, LATE];

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testDrivers())('project contacts and contest links on %s', (driver) => {
  let api: TestApi;
  let sink: Awaited<ReturnType<typeof startSink>>;
  const logLines: string[] = [];
  let editor: string;
  let publisher: string;
  let draftId: string;
  let year: number;
  let revision: number;
  let projectA: string;
  let projectB: string;
  let indicator: string;
  const closesAt = new Date(Date.now() + 3_600_000);
  const opensAt = new Date(Date.now() - 60_000);

  /** The contest-link emails received (the seed's decision emails go out too). */
  const links = () =>
    sink.received.filter((m) => m.raw.includes('Draft ranking') && m.to.some((to) => ADDRESSES.includes(to)));
  const mailedTo = (address: string) => links().filter((m) => m.to.includes(address));
  const tokenOf = (url: URL) =>
    contestToken({
      year: Number(url.pathname.split('/').at(-1)),
      revision: Number(url.searchParams.get('revision')),
      project: url.searchParams.get('project') ?? '',
      expires: Number(url.searchParams.get('expires')),
      sig: url.searchParams.get('sig') ?? '',
    });
  const input = (project: string) => ({
    edition: draftId,
    project,
    indicator,
    claim: 'The draft value is wrong',
    contact: A1,
  });

  beforeAll(async () => {
    sink = await startSink();
    api = await startTestApi(driver, {
      seed: true,
      log: (line) => logLines.push(line),
      env: {
        SMTP_URL: sink.url,
        MAIL_FROM: 'Ranking <ranking@example.org>',
        ADMIN_URL: 'https://ranking.example.org',
        // Every refusal below would count against the anonymous limit otherwise.
        DISPUTE_RATE_LIMIT: '0',
      },
    });
    editor = await api.tokenFor('editor');
    publisher = await api.tokenFor('publisher');
    const created = await api.gql<{ createEdition: { id: string; year: number; revision: number } }>(
      `mutation { createEdition(input: { year: 2026, title: "2026, for contacts", cutoff: "2026-11-30" }) { id year revision } }`,
      undefined,
      { token: publisher },
    );
    draftId = created.data?.createEdition.id ?? '';
    year = created.data?.createEdition.year ?? 0;
    revision = created.data?.createEdition.revision ?? 0;
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
      `query ($id: ID!) { editionById(id: $id) { ranking(dimension: "model", first: 2) { edges { node {
        project { slug } indicators { indicator { key } } } } } } }`,
      { id: draftId },
      { token: publisher },
    );
    const [a, b] = ranking.data?.editionById.ranking.edges ?? [];
    projectA = a?.node.project.slug ?? '';
    projectB = b?.node.project.slug ?? '';
    indicator = a?.node.indicators[0]?.indicator.key ?? '';
    expect(projectA).not.toBe('');
    expect(projectB).not.toBe('');
  });

  afterAll(async () => {
    await api?.close();
    await sink?.close();
  });

  it('refuses a bad contact list by path and writes nothing', async () => {
    const before = await api.count('project_contacts');
    const cases: [unknown[], string][] = [
      [[{ email: A1 }, { email: 'not an address' }], 'contacts[1].email'],
      [[{ email: '  ' }], 'contacts[0].email'],
      [[{ email: A1 }, { email: A1.toUpperCase() }], 'contacts[1].email'],
      [[{ email: A1, name: 'x'.repeat(201) }], 'contacts[0].name'],
    ];
    for (const [contacts, field] of cases) {
      const res = await api.gql(SET, { p: projectA, c: contacts }, { token: editor });
      expect(codeOf(res), field).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.field).toBe(field);
      expect(res.errors?.[0]?.message).toContain(field.replace(/\.\w+$/, ''));
    }
    expect(await api.count('project_contacts')).toBe(before);
    const unknown = await api.gql(SET, { p: 'no-such-project', c: [{ email: A1 }] }, { token: editor });
    expect(codeOf(unknown)).toBe('NOT_FOUND');
  });

  it('lets editors set and read contacts; nobody else reads them', async () => {
    const anonymous = await api.gql(SET, { p: projectA, c: [{ email: A1 }] });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    const viewer = await api.gql(
      SET,
      { p: projectA, c: [{ email: A1 }] },
      { token: await api.tokenFor('viewer') },
    );
    expect(codeOf(viewer)).toBe('FORBIDDEN');
    const set = await api.gql<{ setProjectContacts: { contacts: { email: string; name: string | null }[] } }>(
      SET,
      { p: projectA, c: [{ email: ` ${A1} `, name: 'First Maintainer' }, { email: A2 }] },
      { token: editor },
    );
    expect(set.errors).toBeUndefined();
    expect(set.data?.setProjectContacts.contacts.map(({ email, name }) => ({ email, name }))).toEqual([
      { email: A1, name: 'First Maintainer' },
      { email: A2, name: null },
    ]);
    const other = await api.gql(SET, { p: projectB, c: [{ email: B1 }] }, { token: editor });
    expect(other.errors).toBeUndefined();
    // The same list again changes nothing (and audits nothing); a new name is an update.
    const renamed = await api.gql<{
      setProjectContacts: { contacts: { id: string; name: string | null }[] };
    }>(
      SET,
      {
        p: projectA,
        c: [
          { email: A1, name: 'First Maintainer' },
          { email: A2, name: 'Second' },
        ],
      },
      { token: editor },
    );
    expect(renamed.data?.setProjectContacts.contacts.map((c) => c.name)).toEqual([
      'First Maintainer',
      'Second',
    ]);
    const byAnonymous = await api.gql(`query ($p: String!) { project(slug: $p) { contacts { email } } }`, {
      p: projectA,
    });
    expect(codeOf(byAnonymous)).toBe('UNAUTHENTICATED');
    const byViewer = await api.gql(
      `query ($p: String!) { project(slug: $p) { contacts { email } } }`,
      { p: projectA },
      { token: await api.tokenFor('viewer') },
    );
    expect(codeOf(byViewer)).toBe('FORBIDDEN');
    const audit = await api.gql(
      `{ auditLog(first: 100) { edges { node { action before after } } } }`,
      undefined,
      {
        token: await api.tokenFor('admin'),
      },
    );
    const text = JSON.stringify(audit);
    expect(text).toContain('project.contacts');
    // Three changes here (the same list again is none), besides the demo seed's.
    expect((text.match(/project\.contacts/g) ?? []).length).toBeGreaterThanOrEqual(3);
    for (const address of ADDRESSES) expect(text).not.toContain(address);
  });

  it('without a token, a CONTACTS draft stays hidden and takes no disputes', async () => {
    const opened = await api.gql(
      OPEN,
      { e: draftId, o: opensAt.toISOString(), c: closesAt.toISOString(), v: 'CONTACTS' },
      { token: publisher },
    );
    expect(opened.data?.openContestWindow).toEqual({ visibility: 'CONTACTS', isOpen: true });
    const hidden = await api.gql(DRAFT, { y: year, r: revision });
    expect(hidden.data?.edition).toBeNull();
    const byId = await api.gql(`query ($id: ID!) { editionById(id: $id) { id } }`, { id: draftId });
    expect(byId.data?.editionById).toBeNull();
    const refused = await api.gql(SUBMIT, { input: input(projectA) });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/registered contacts of its projects: use the signed link/);
  });

  it('emails each contact of each ranked project a signed link to the draft, once', async () => {
    await until('three contest emails', () => (links().length >= 3 ? true : undefined));
    await api.deps.disputeMail.idle();
    expect(links()).toHaveLength(3);
    for (const address of [A1, A2, B1]) expect(mailedTo(address)).toHaveLength(1);
    const mail = decoded(mailedTo(A1)[0]?.raw ?? '');
    expect(mail).toContain('Hello First Maintainer');
    const url = linkIn(mailedTo(A1)[0]?.raw ?? '');
    expect(url.pathname).toBe(`/editions/${year}`);
    expect(url.searchParams.get('revision')).toBe(String(revision));
    expect(url.searchParams.get('project')).toBe(projectA);
    expect(Number(url.searchParams.get('expires'))).toBe(Math.ceil(closesAt.getTime() / 1000));
    expect(url.href).not.toContain(encodeURIComponent(A1));
    const verified = verifyContestLink(TEST_SECRET, {
      year,
      revision: url.searchParams.get('revision'),
      project: url.searchParams.get('project'),
      expires: url.searchParams.get('expires'),
      sig: url.searchParams.get('sig'),
    });
    expect(verified.problem).toBeNull();
    expect(linkIn(mailedTo(B1)[0]?.raw ?? '').searchParams.get('project')).toBe(projectB);
    expect(await api.count('contest_emails where sent_at is null')).toBe(0);
  });

  it('with the link: shows the draft and takes disputes on its project only', async () => {
    const token = tokenOf(linkIn(mailedTo(A1)[0]?.raw ?? ''));
    const headers = { 'x-contest-token': token };
    const shown = await api.gql<{ edition: { status: string; ranking: { edges: unknown[] } } }>(
      DRAFT,
      { y: year, r: revision },
      { headers },
    );
    expect(shown.errors).toBeUndefined();
    expect(shown.data?.edition.status).toBe('COMPUTED');
    expect(shown.data?.edition.ranking.edges.length).toBeGreaterThan(1);
    expect(shown.headers.get('cache-control')).toMatch(/private/);
    // Not the year's default: that stays the published revision.
    const byYear = await api.gql<{ edition: { status: string } }>(
      `query ($y: Int!) { edition(year: $y) { status } }`,
      { y: year },
      { headers },
    );
    expect(byYear.data?.edition.status).toBe('PUBLISHED');
    const ok = await api.gql<{ submitDispute: { status: string } }>(
      SUBMIT,
      { input: input(projectA) },
      { headers },
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.submitDispute.status).toBe('OPEN');
    const otherProject = await api.gql(SUBMIT, { input: input(projectB) }, { headers });
    expect(codeOf(otherProject)).toBe('FORBIDDEN');
    expect(otherProject.errors?.[0]?.message).toContain(`for project "${projectA}"`);
  });

  it('a tampered or malformed token shows nothing and may not contest', async () => {
    const url = linkIn(mailedTo(A1)[0]?.raw ?? '');
    const tampered = [
      tokenOf(url).replace(`.${projectA}`, `.${projectB}`),
      tokenOf(url).replace(/\.(\d+)\./, (_, e: string) => `.${Number(e) + 3600}.`),
      'not-a-token',
    ];
    for (const token of tampered) {
      const headers = { 'x-contest-token': token };
      const hidden = await api.gql(DRAFT, { y: year, r: revision }, { headers });
      expect(hidden.data?.edition, token).toBeNull();
      const refused = await api.gql(SUBMIT, { input: input(projectB) }, { headers });
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(refused.errors?.[0]?.message).toMatch(
        /The contest link is not valid \((bad signature|malformed)\)/,
      );
    }
    // A valid token of a PUBLIC window's edition grants nothing more than the public sees.
  });

  it('opening the window again sends only to new contacts; new dates send to everyone', async () => {
    const again = await api.gql(
      OPEN,
      { e: draftId, o: opensAt.toISOString(), c: closesAt.toISOString(), v: 'CONTACTS' },
      { token: publisher },
    );
    expect(again.errors).toBeUndefined();
    await api.deps.disputeMail.idle();
    expect(links()).toHaveLength(3);
    const added = await api.gql(
      SET,
      {
        p: projectA,
        c: [{ email: A1, name: 'First Maintainer' }, { email: A2, name: 'Second' }, { email: LATE }],
      },
      { token: editor },
    );
    expect(added.errors).toBeUndefined();
    await api.gql(
      OPEN,
      { e: draftId, o: opensAt.toISOString(), c: closesAt.toISOString(), v: 'CONTACTS' },
      { token: publisher },
    );
    await until('the late contact’s email', () => (mailedTo(LATE).length === 1 ? true : undefined));
    await api.deps.disputeMail.idle();
    expect(links()).toHaveLength(4);
    const later = new Date(closesAt.getTime() + 3_600_000);
    await api.gql(
      OPEN,
      { e: draftId, o: opensAt.toISOString(), c: later.toISOString(), v: 'CONTACTS' },
      { token: publisher },
    );
    await until('four more emails', () => (links().length >= 8 ? true : undefined));
    await api.deps.disputeMail.idle();
    expect(links()).toHaveLength(8);
    const moved = linkIn(mailedTo(A1)[1]?.raw ?? '');
    expect(Number(moved.searchParams.get('expires'))).toBe(Math.ceil(later.getTime() / 1000));
    // A PUBLIC window sends nothing.
    await api.gql(
      OPEN,
      { e: draftId, o: opensAt.toISOString(), c: later.toISOString(), v: 'PUBLIC' },
      { token: publisher },
    );
    await api.deps.disputeMail.idle();
    expect(links()).toHaveLength(8);
  });

  it('imports contacts from CSV: all or nothing, problems by line without the address, adds and renames', async () => {
    const ctx = createSystemContext(api.deps);
    const csv = (text: string) =>
      (async function* () {
        yield new TextEncoder().encode(text);
      })();
    const IMPORTED = 'imported-5d1e@example.org';
    const before = await api.count('project_contacts');
    const refused = await importProjectContacts(
      ctx,
      csv(
        `project,email,name\n${projectB},${IMPORTED},Imported\n${projectB},not-an-address,\nno-such-project,x-5d1e@example.org,\n${projectB},${IMPORTED.toUpperCase()},\n`,
      ),
    );
    expect(refused.status).toBe('refused');
    expect(refused.problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'email'],
      [4, 'project'],
      [5, 'email'],
    ]);
    expect(JSON.stringify(refused)).not.toContain('not-an-address');
    expect(await api.count('project_contacts')).toBe(before);
    const dry = await importProjectContacts(
      ctx,
      csv(`email,project\n${IMPORTED},${projectB}\n${B1},${projectB}\n`),
      {
        dryRun: true,
      },
    );
    expect(dry).toMatchObject({ status: 'dry-run', rows: 2, added: 1, updated: 0 });
    expect(await api.count('project_contacts')).toBe(before);
    const done = await importProjectContacts(
      ctx,
      csv(`project,email,name\n${projectB},${IMPORTED},Imported\n${projectB},${B1.toUpperCase()},Renamed\n`),
    );
    expect(done).toMatchObject({ status: 'imported', rows: 2, added: 1, updated: 1 });
    expect(await api.count('project_contacts')).toBe(before + 1);
    const again = await importProjectContacts(ctx, csv(`project,email\n${projectB},${IMPORTED}\n`));
    expect(again).toMatchObject({ status: 'imported', added: 0, updated: 0 });
  });

  it('never logs a contact address', () => {
    const text = logLines.join('\n');
    for (const address of ADDRESSES) expect(text).not.toContain(address);
  });
});
