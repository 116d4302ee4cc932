/**
 * The `rel="next"` target of an RFC 8288 `Link` header, as GitHub's REST API and the Hugging Face
 * Hub paginate (`<https://huggingface.co/api/models?...&cursor=...>; rel="next"`). Hand-written
 * because it is one regular expression, the same one @huggingface/hub uses (utils/parseLinkHeader.ts).
 */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const match of header.matchAll(/<([^>]+)>\s*;([^,]*)/g)) {
    if (/\brel="?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2] ?? '')) return match[1];
  }
  return undefined;
}
