/**
 * Where the admin may send a browser after sign-in (or any other user-supplied destination): only a
 * path on its own origin. Prefix checks on the raw string are not enough — browsers read `/\host`,
 * `/<tab>/host` and `/./\/host` as another host — so the value is parsed the way a browser would,
 * against the app's origin, and the path it resolves to is parsed once more to be sure that it
 * still stays on the origin when the browser follows it.
 */

export const DEFAULT_AFTER_SIGN_IN = '/admin';

/** The same-origin path (with query and fragment) `value` leads to, or `fallback`. */
export function safeRedirectPath(
  value: string | string[] | null | undefined,
  origin: string,
  fallback: string = DEFAULT_AFTER_SIGN_IN,
): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string' || raw === '') return fallback;
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    return fallback;
  }
  const target = parse(raw, base);
  if (!target || target.origin !== base.origin) return fallback;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // `/.//host` normalises to `//host`, which a browser would read as another host.
  const again = parse(path, base);
  if (!path.startsWith('/') || !again || again.origin !== base.origin || again.href !== target.href)
    return fallback;
  return path;
}

function parse(value: string, base: URL): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}
