/**
 * The GitHub indicator definitions, as pure functions over what the API returned. Each says exactly
 * what is measured; the README restates them.
 */
import { type ActorLike, isBot } from '../bots';

export interface CommitAuthor {
  email: string | null;
  name: string | null;
  user: { login: string; company: string | null } | null;
}

/**
 * Who a commit author is: the linked GitHub login when there is one, else the lower-cased e-mail,
 * else the name. The same person committing under two unlinked addresses counts twice.
 */
export function authorIdentity(author: CommitAuthor): string | undefined {
  if (author.user?.login) return `login:${author.user.login.toLowerCase()}`;
  if (author.email) return `email:${author.email.toLowerCase()}`;
  if (author.name) return `name:${author.name}`;
  return undefined;
}

export function isBotAuthor(author: CommitAuthor): boolean {
  return isBot({ login: author.user?.login, name: author.name, email: author.email });
}

/** Distinct non-bot commit authors. */
export function distinctContributors(authors: readonly CommitAuthor[]): Set<string> {
  const people = new Set<string>();
  for (const author of authors) {
    if (isBotAuthor(author)) continue;
    const id = authorIdentity(author);
    if (id) people.add(id);
  }
  return people;
}

export interface IssueSample {
  createdAt: string;
  author: { typename: string; login: string } | null;
  comments: { createdAt: string; author: { typename: string; login: string } | null }[];
}

const actor = (a: { typename: string; login: string } | null): ActorLike =>
  a ? { typename: a.typename, login: a.login } : {};

/**
 * Hours from an issue's creation to its first comment by someone other than its author and not a
 * bot; `capHours` when there is none (or the first one came later than that). Comments by deleted
 * accounts (`author: null`) count as answers from someone else.
 */
export function firstResponseHours(issue: IssueSample, capHours: number): number {
  const opened = Date.parse(issue.createdAt);
  const authorLogin = issue.author?.login.toLowerCase();
  for (const comment of issue.comments) {
    if (
      comment.author &&
      (comment.author.login.toLowerCase() === authorLogin || isBot(actor(comment.author)))
    ) {
      continue;
    }
    return Math.min(capHours, (Date.parse(comment.createdAt) - opened) / 3_600_000);
  }
  return capHours;
}

/** Median (mean of the two middle values for an even count); undefined for an empty list. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

export interface PrimaryOrganization {
  /** `Organization` or `User`, the repository owner's GraphQL type. */
  type: string;
  login: string;
  name: string | null;
  websiteUrl: string | null;
  email: string | null;
  /** Lower-case logins of its public members (REST `GET /orgs/{org}/public_members`). */
  publicMembers: ReadonlySet<string>;
}

/** The organization's own domains: its website's host and its public e-mail's domain, without `www.`. */
export function organizationDomains(org: PrimaryOrganization): string[] {
  const domains = new Set<string>();
  if (org.websiteUrl && URL.canParse(org.websiteUrl)) {
    domains.add(new URL(org.websiteUrl).hostname.toLowerCase().replace(/^www\./, ''));
  }
  const emailDomain = org.email?.split('@')[1]?.toLowerCase();
  if (emailDomain) domains.add(emailDomain);
  return [...domains].filter((d) => d.includes('.'));
}

/**
 * Whether a commit author belongs to the primary organization. For an organization: the author's
 * linked account is a public member, or its profile `company` names the organization (`@login`,
 * the login or the display name), or the commit e-mail is on one of the organization's domains (or a
 * subdomain). For a user-owned repository: the author is that user.
 */
export function isInsideOrganization(author: CommitAuthor, org: PrimaryOrganization): boolean {
  const login = author.user?.login.toLowerCase();
  const orgLogin = org.login.toLowerCase();
  if (org.type !== 'Organization') return login === orgLogin;
  if (login && org.publicMembers.has(login)) return true;
  const company = author.user?.company?.toLowerCase();
  if (company) {
    const names = new Set([orgLogin, org.name?.toLowerCase().trim()].filter((n): n is string => !!n));
    if (names.has(company.trim().replace(/^@/, ''))) return true;
    if (company.split(/[\s,;/]+/).some((token) => token.startsWith('@') && names.has(token.slice(1))))
      return true;
  }
  const domain = author.email?.split('@')[1]?.toLowerCase();
  if (domain) return organizationDomains(org).some((d) => domain === d || domain.endsWith(`.${d}`));
  return false;
}
