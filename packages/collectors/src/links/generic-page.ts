/**
 * "Redirected to a generic page": the heuristic that turns a working redirect into a BROKEN link.
 * Sites that remove a page often redirect its URL to their home page, a login wall or a not-found
 * page answering 200; a reader following the evidence link then finds nothing of the evidence.
 *
 * Paths are compared case-insensitively, split on `/`, empty segments dropped. A *language segment*
 * is a first segment made of an ISO 639-1 code, optionally followed by `-` or `_` and 2 to 4 letters
 * or digits: `en`, `de`, `en-us`, `pt_BR`, `zh-hans`. A path is *root-like* when, after dropping a leading language segment,
 * it has no segment, or only one of `index.html`, `index.htm`, `index.php`, `default.aspx`,
 * `default.asp`, `home`.
 *
 * Redirects from `from` (the link) to `to` (the final URL) land on a generic page when:
 * 1. **root**: `from` is deep — its path is not root-like, or it has a query string (`/?p=123`) —
 *    and `to`'s path is root-like (any host, any query string);
 * 2. **login**: a segment of `to`'s path is `login`, `log-in`, `log_in`, `signin`, `sign-in`,
 *    `sign_in`, `logon` or `servicelogin`, and no segment of `from`'s path is;
 * 3. **not found**: the last segment of `to`'s path is `404`, `404.html`, `404.htm`, `not-found`,
 *    `notfound`, `not_found`, `page-not-found`, `pagenotfound`, `error` or `error.html`, and
 *    `from`'s last segment is not.
 * Known limits: a link meant to reach a home page through a short link (`/x` → `/`) is reported
 * BROKEN; a first path segment that happens to be a language code (`/my`, `/it`) counts as one.
 */

/** ISO 639-1 language codes. */
const LANGUAGES = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ' +
    'ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik ' +
    'io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml ' +
    'mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd ' +
    'se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi ' +
    'vo wa wo xh yi yo za zh zu'
  ).split(' '),
);
const LANGUAGE = /^([a-z]{2})(?:[-_][a-z0-9]{2,4})?$/;

function isLanguage(segment: string): boolean {
  const code = LANGUAGE.exec(segment)?.[1];
  return code !== undefined && LANGUAGES.has(code);
}
const ROOT_PAGES = new Set(['index.html', 'index.htm', 'index.php', 'default.aspx', 'default.asp', 'home']);
const LOGIN = new Set(['login', 'log-in', 'log_in', 'signin', 'sign-in', 'sign_in', 'logon', 'servicelogin']);
const NOT_FOUND = new Set([
  '404',
  '404.html',
  '404.htm',
  'not-found',
  'notfound',
  'not_found',
  'page-not-found',
  'pagenotfound',
  'error',
  'error.html',
]);

function segments(url: URL): string[] {
  return url.pathname
    .toLowerCase()
    .split('/')
    .filter((s) => s.length > 0);
}

function isRootLike(parts: string[]): boolean {
  const rest = parts.length > 0 && isLanguage(parts[0] ?? '') ? parts.slice(1) : parts;
  return rest.length === 0 || (rest.length === 1 && ROOT_PAGES.has(rest[0] ?? ''));
}

export type GenericPageKind = 'root' | 'login' | 'not_found';

/** The kind of generic page redirects from `from` ended on, or undefined when `to` is not one. */
export function genericPageKind(from: string, to: string): GenericPageKind | undefined {
  if (!URL.canParse(from) || !URL.canParse(to)) return undefined;
  const source = new URL(from);
  const target = new URL(to);
  const fromParts = segments(source);
  const toParts = segments(target);
  const deep = !isRootLike(fromParts) || source.search.length > 1;
  if (deep && isRootLike(toParts)) return 'root';
  if (toParts.some((s) => LOGIN.has(s)) && !fromParts.some((s) => LOGIN.has(s))) return 'login';
  const last = (parts: string[]) => parts[parts.length - 1] ?? '';
  if (NOT_FOUND.has(last(toParts)) && !NOT_FOUND.has(last(fromParts))) return 'not_found';
  return undefined;
}
