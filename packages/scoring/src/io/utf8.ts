/**
 * Byte offset of the first invalid UTF-8 sequence in `bytes[from..]` (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF; a sequence cut off by the end counts as invalid), or -1.
 *
 * Source: F. Yergeau (2003), RFC 3629 "UTF-8, a transformation format of ISO 10646", §3–4.
 *
 * Complexity: O(bytes).
 *
 * @example
 * firstInvalidUtf8(Uint8Array.of(0x61, 0xc3, 0x28)) // → 1
 */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  let i = from;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = sequenceLength(b) - 1;
    if (need <= 0 || i + need >= n) return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Bytes in the UTF-8 sequence a lead byte starts (0 for a byte that cannot start one). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * How many bytes at the end of `bytes` are the start of a multi-byte sequence that the next chunk may
 * complete (0 to 3): a streaming decoder holds them back instead of calling them invalid.
 */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue;
    return sequenceLength(b) > back ? back : 0;
  }
  return 0;
}
