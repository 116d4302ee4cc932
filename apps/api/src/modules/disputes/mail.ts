/**
 * Decision emails (docs/disputes.md, "Emails"): an outbox row is written in the decision's
 * transaction (./service.ts); after it commits, `kick()` starts a drain that sends every due row over
 * SMTP (nodemailer, `SMTP_URL`, from `MAIL_FROM`) and retries failures with a growing delay. Nothing
 * here can block or undo a decision. Without `SMTP_URL` each email is logged and skipped.
 *
 * The email carries a signed, expiring link to the public decision page (`signDisputeLink`,
 * @ranking/contracts/auth): the dispute's id and expiry, never the contact address.
 */
import { signContestLink, signDisputeLink } from '@ranking/contracts/auth';
import type { Database } from '@ranking/schema';
import { createTransport, type Transporter } from 'nodemailer';
import type { Env } from '../../env';
import type { Logger } from '../../lib/logger';
import {
  type ContestEmailDetails,
  claimDueContestEmails,
  type DueContestEmail,
  findContestEmail,
  markContestEmailFailed,
  markContestEmailSent,
  nextContestEmailDue,
} from './contacts-store';
import type { DisputeRow } from './model';
import {
  claimDueEmails,
  type DueEmail,
  findDisputeContact,
  findDisputesByIds,
  markEmailFailed,
  markEmailSent,
  nextEmailDue,
} from './store';

/** Attempts per email before it is given up (its last error stays in `dispute_emails.last_error`). */
export const MAX_EMAIL_ATTEMPTS = 8;
/** The delay before retry n (1-based): 30 s, 1 min, 2 min, … at most 1 h. */
export const retryDelayMs = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);

/** A failed send: its attempt number, why, and when to try again (never, after the last attempt). */
function failedAttempt(attempts: number, error: unknown, now: Date) {
  const attempt = attempts + 1;
  const why = error instanceof Error ? error.message : String(error);
  const retryAt =
    attempt >= MAX_EMAIL_ATTEMPTS
      ? new Date('9999-12-31T00:00:00Z')
      : new Date(now.getTime() + retryDelayMs(attempt));
  return { attempt, why, retryAt };
}
/** How long a claimed email is held by one sender before another may take it. */
const LEASE_MS = 5 * 60_000;
const BATCH = 20;

export interface DisputeMailer {
  /** Starts a drain now (after a decision commits); never throws, never waits. */
  kick(): void;
  /** Resolves when no drain is running (tests, shutdown). */
  idle(): Promise<void>;
  /** Where skipped and failed emails are logged (the server's logger once it starts). */
  setLogger(logger: Logger): void;
  close(): Promise<void>;
}

export interface MailerDeps {
  env: Pick<Env, 'SMTP_URL' | 'MAIL_FROM' | 'ADMIN_URL'>;
  db: Database;
  authSecret: string;
  now: () => Date;
}

/** The public decision page's link for a dispute, signed until its expiry. */
export function decisionLink(
  deps: Pick<MailerDeps, 'env' | 'authSecret' | 'now'>,
  disputeId: number,
): string {
  const { expires, sig } = signDisputeLink(deps.authSecret, disputeId, deps.now().getTime());
  const url = new URL(
    `disputes/${disputeId}`,
    deps.env.ADMIN_URL.endsWith('/') ? deps.env.ADMIN_URL : `${deps.env.ADMIN_URL}/`,
  );
  url.searchParams.set('expires', String(expires));
  url.searchParams.set('sig', sig);
  return url.href;
}

/**
 * A project contact's link to the draft of an edition in a CONTACTS contest window, signed until the
 * window closes: `<ADMIN_URL>/editions/<year>?revision=<n>&project=<slug>&expires=…&sig=…`.
 */
export function contestLink(
  deps: Pick<MailerDeps, 'env' | 'authSecret'>,
  link: { year: number; revision: number; project: string },
  closesAt: Date,
): string {
  const signed = signContestLink(deps.authSecret, link, closesAt.getTime());
  const url = new URL(
    `editions/${link.year}`,
    deps.env.ADMIN_URL.endsWith('/') ? deps.env.ADMIN_URL : `${deps.env.ADMIN_URL}/`,
  );
  url.searchParams.set('revision', String(link.revision));
  url.searchParams.set('project', link.project);
  url.searchParams.set('expires', String(signed.expires));
  url.searchParams.set('sig', signed.sig);
  return url.href;
}

function contestMessage(deps: MailerDeps, email: ContestEmailDetails) {
  const link = contestLink(
    deps,
    { year: email.year, revision: email.revision, project: email.projectSlug },
    email.closesAt,
  );
  const edition = `${email.year} (revision ${email.revision})`;
  const subject = `Draft ranking ${edition}: contest the values of ${email.projectName}`;
  const text = [
    email.name ? `Hello ${email.name},` : 'Hello,',
    '',
    `You are a registered contact of ${email.projectName}. The draft ranking ${edition} may be contested`,
    `from ${email.opensAt.toISOString()} until ${email.closesAt.toISOString()}.`,
    '',
    `The draft, and a form to contest ${email.projectName}'s values: ${link}`,
    '',
    'This link is yours: it shows the draft before publication and expires when the window closes.',
  ].join('\n');
  return { subject, text };
}

function message(deps: MailerDeps, dispute: DisputeRow, kind: DueEmail['kind']) {
  const link = decisionLink(deps, dispute.id);
  const subject = `Your dispute #${dispute.id} was ${kind}`;
  const lines = [
    `Your dispute #${dispute.id} about indicator ${dispute.indicatorKey} was ${kind}.`,
    '',
    dispute.reason ? `Reason: ${dispute.reason}` : 'No reason was given.',
    '',
    kind === 'accepted' && dispute.evidenceId !== null
      ? 'The value you proposed now awaits a second reviewer; only their approval changes the ranking.'
      : '',
    `The decision: ${link}`,
    '(This link is valid for 30 days.)',
  ];
  return { subject, text: lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n') };
}

export function createDisputeMailer(deps: MailerDeps): DisputeMailer {
  let transport: Transporter | undefined;
  let logger: Logger | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const transportOf = () => {
    if (!deps.env.SMTP_URL) return undefined;
    transport ??= createTransport(deps.env.SMTP_URL);
    return transport;
  };

  async function sendOne(email: DueEmail): Promise<void> {
    const now = deps.now();
    const [dispute] = await findDisputesByIds(deps.db, [email.disputeId]);
    const to = await findDisputeContact(deps.db, email.disputeId);
    const smtp = transportOf();
    if (!dispute || !to || !smtp) {
      // Logged without the address: the log is not a place for it either.
      logger?.info(
        { dispute: email.disputeId, kind: email.kind },
        'decision email skipped: SMTP_URL is not set',
      );
      await markEmailSent(deps.db, email.id, now);
      return;
    }
    try {
      const { subject, text } = message(deps, dispute, email.kind);
      await smtp.sendMail({ from: deps.env.MAIL_FROM, to, subject, text });
      await markEmailSent(deps.db, email.id, deps.now());
    } catch (error) {
      const { attempt, why, retryAt } = failedAttempt(email.attempts, error, now);
      logger?.warn({ dispute: email.disputeId, attempt, err: why }, 'decision email failed; retrying later');
      await markEmailFailed(deps.db, email.id, why, retryAt);
    }
  }

  /** One contest link; skipped when its window was moved, closed, made PUBLIC or the edition published. */
  async function sendContest(email: DueContestEmail): Promise<void> {
    const now = deps.now();
    const details = await findContestEmail(deps.db, email.id);
    const window = details?.window;
    const current =
      details !== null &&
      details.editionStatus === 'computed' &&
      window?.visibility === 'contacts' &&
      window.opensAt.getTime() === details.opensAt.getTime() &&
      window.closesAt.getTime() === details.closesAt.getTime() &&
      now < window.closesAt;
    const smtp = transportOf();
    if (!details || !current || !smtp) {
      logger?.info(
        { contestEmail: email.id },
        !smtp
          ? 'contest link email skipped: SMTP_URL is not set'
          : 'contest link email skipped: its window changed',
      );
      await markContestEmailSent(deps.db, email.id, now);
      return;
    }
    try {
      const { subject, text } = contestMessage(deps, details);
      await smtp.sendMail({ from: deps.env.MAIL_FROM, to: details.to, subject, text });
      await markContestEmailSent(deps.db, email.id, deps.now());
    } catch (error) {
      const { attempt, why, retryAt } = failedAttempt(email.attempts, error, now);
      logger?.warn(
        { contestEmail: email.id, attempt, err: why },
        'contest link email failed; retrying later',
      );
      await markContestEmailFailed(deps.db, email.id, why, retryAt);
    }
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      for (;;) {
        const due = await claimDueEmails(deps.db, deps.now(), BATCH, LEASE_MS);
        for (const email of due) await sendOne(email);
        if (due.length < BATCH) break;
      }
      for (;;) {
        const due = await claimDueContestEmails(deps.db, deps.now(), BATCH, LEASE_MS);
        for (const email of due) await sendContest(email);
        if (due.length < BATCH) break;
      }
    } while (again && !closed);
    await schedule();
  }

  async function schedule(): Promise<void> {
    if (closed) return;
    const dues = (await Promise.all([nextEmailDue(deps.db), nextContestEmailDue(deps.db)])).filter(
      (d): d is Date => d !== null,
    );
    const next = dues.length === 0 ? null : new Date(Math.min(...dues.map((d) => d.getTime())));
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!next || next.getFullYear() > 9000) return;
    const wait = Math.max(1000, Math.min(next.getTime() - deps.now().getTime(), 3_600_000));
    timer = setTimeout(() => mailer.kick(), wait);
    timer.unref();
  }

  const mailer: DisputeMailer = {
    kick() {
      if (closed) return;
      if (running) {
        again = true;
        return;
      }
      running = drain()
        .catch((error: unknown) => logger?.error({ err: error }, 'decision emails: drain failed'))
        .finally(() => {
          running = undefined;
        });
    },
    async idle() {
      while (running) await running;
    },
    setLogger(value) {
      logger = value;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await mailer.idle();
      transport?.close();
    },
  };
  return mailer;
}
