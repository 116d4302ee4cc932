/**
 * Canonical JSON text of a value, for hashing: object keys sorted (by UTF-16 code units), no
 * whitespace, numbers in the shortest form that round-trips (ECMAScript Number::toString, so `1`,
 * `0.1`, `1e+21`; −0 is written `0`), strings escaped as `JSON.stringify` does. This matches the
 * JSON Canonicalization Scheme (RFC 8785) for the values it accepts.
 *
 * Object members whose value is `undefined` are skipped (as `JSON.stringify` does), so an optional
 * field left undefined and an absent one hash alike.
 *
 * Source: A. Rundgren, B. Jordan & S. Erdtman (2020), RFC 8785 "JSON Canonicalization Scheme (JCS)".
 *
 * Complexity: O(size · log keys).
 *
 * @throws {TypeError} for NaN and ±Infinity (not JSON), `undefined` outside an object member,
 *   bigint, functions, symbols, non-plain objects (Date, Map, class instances…) and cycles
 * @example
 * canonicalJson({ b: [1, 0.5, 'x'], a: null }) // → '{"a":null,"b":[1,0.5,"x"]}'
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, new Set(), []);
  return parts.join('');
}

/** The JSON path of the member being written, built only for an error message. */
function pathOf(segments: readonly (string | number)[]): string {
  return `$${segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;
}

function write(value: unknown, parts: string[], ancestors: Set<object>, path: (string | number)[]): void {
  if (value === null) {
    parts.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      parts.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`canonicalJson: ${value} at ${pathOf(path)} is not a JSON number`);
      parts.push(String(value));
      return;
    case 'string':
      parts.push(JSON.stringify(value));
      return;
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} at ${pathOf(path)} is not JSON`);
  }
  if (ancestors.has(value)) throw new TypeError(`canonicalJson: cycle at ${pathOf(path)}`);
  ancestors.add(value);
  if (Array.isArray(value)) {
    parts.push('[');
    for (let index = 0; index < value.length; index++) {
      if (index > 0) parts.push(',');
      const item: unknown = value[index];
      path.push(index);
      if (item === undefined) throw new TypeError(`canonicalJson: undefined at ${pathOf(path)}`);
      write(item, parts, ancestors, path);
      path.pop();
    }
    parts.push(']');
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new TypeError(
        `canonicalJson: a ${prototype?.constructor?.name ?? 'non-plain'} object at ${pathOf(path)} is not JSON`,
      );
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    parts.push('{');
    let first = true;
    for (const key of keys) {
      const member = record[key];
      if (member === undefined) continue;
      if (!first) parts.push(',');
      first = false;
      parts.push(JSON.stringify(key), ':');
      path.push(key);
      write(member, parts, ancestors, path);
      path.pop();
    }
    parts.push('}');
  }
  ancestors.delete(value);
}
