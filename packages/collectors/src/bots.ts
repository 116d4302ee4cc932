/**
 * The versioned bot list (data/bots.json): automation accounts excluded from contributor counts,
 * first-response times and organization diversity.
 */
import botList from '../data/bots.json' with { type: 'json' };

export const BOT_LIST_VERSION: string = botList.version;
const suffixes = botList.suffixes.map((s) => s.toLowerCase());
const logins = new Set(botList.logins.map((l) => l.toLowerCase()));

export interface ActorLike {
  /** GraphQL `__typename` of an `Actor` (`Bot` for GitHub Apps). */
  typename?: string | null;
  login?: string | null;
  name?: string | null;
  email?: string | null;
}

/** True for GitHub Apps, `[bot]` logins, names or no-reply addresses, and the listed accounts. */
export function isBot(actor: ActorLike): boolean {
  if (actor.typename === 'Bot') return true;
  const login = actor.login?.toLowerCase();
  if (login && (logins.has(login) || suffixes.some((s) => login.endsWith(s)))) return true;
  const name = actor.name?.toLowerCase().trim();
  if (name && suffixes.some((s) => name.endsWith(s))) return true;
  // Commits made by an App carry `<id>+<app>[bot]@users.noreply.github.com`.
  const local = actor.email?.toLowerCase().split('@')[0];
  if (local) {
    const account = local.includes('+') ? local.slice(local.indexOf('+') + 1) : local;
    if (suffixes.some((s) => account.endsWith(s)) || (local.includes('+') && logins.has(account)))
      return true;
  }
  return false;
}
