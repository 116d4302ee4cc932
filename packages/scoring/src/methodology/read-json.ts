import type { MethodologyIssue } from '../errors';
import { childPath, indexPath } from './json-path';

/** The result of reading JSON text: the value (undefined after a syntax error) and the problems found. */
export interface ReadResult {
  value: unknown;
  issues: MethodologyIssue[];
}

/** Deeper nesting than this is refused rather than risking the call stack. */
const MAX_DEPTH = 256;

class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/**
 * Reads JSON text (RFC 8259) strictly, reporting **duplicate object keys** with the JSON path of the
 * repeated member — `JSON.parse` silently keeps the last one, which would let a methodology say two
 * different things at once.
 *
 * Syntax errors stop reading and are reported at their line and column (1-based). A leading byte
 * order mark is skipped. `__proto__` is read as an ordinary key, as `JSON.parse` does.
 *
 * Complexity: O(n) in the length of the text.
 *
 * @example
 * readJson('{"a": 1, "a": 2}').issues
 * // → [{ path: '$.a', message: 'duplicate key "a" (first at line 1)', line: 1, column: 10 }]
 */
export function readJson(text: string): ReadResult {
  const reader = new JsonReader(text);
  try {
    const value = reader.readDocument();
    return { value, issues: reader.issues };
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      const { line, column } = reader.position(error.offset);
      return {
        value: undefined,
        issues: [...reader.issues, { path: '$', message: error.message, line, column }],
      };
    }
    throw error;
  }
}

class JsonReader {
  readonly issues: MethodologyIssue[] = [];
  private readonly text: string;
  private at = 0;

  constructor(text: string) {
    this.text = text;
    if (text.charCodeAt(0) === 0xfeff) this.at = 1;
  }

  /** 1-based line and column of a character offset. */
  position(offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  }

  readDocument(): unknown {
    this.skipWhitespace();
    if (this.at >= this.text.length) throw new JsonSyntaxError('empty document', this.at);
    const value = this.readValue('$', 0);
    this.skipWhitespace();
    if (this.at < this.text.length)
      throw new JsonSyntaxError('unexpected text after the JSON value', this.at);
    return value;
  }

  private skipWhitespace(): void {
    const text = this.text;
    while (this.at < text.length) {
      const c = text.charCodeAt(this.at);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.at++;
      else break;
    }
  }

  private readValue(path: string, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`nesting deeper than ${MAX_DEPTH} levels`, this.at);
    const c = this.text[this.at];
    switch (c) {
      case '{':
        return this.readObject(path, depth);
      case '[':
        return this.readArray(path, depth);
      case '"':
        return this.readString();
      case 't':
        return this.readLiteral('true', true);
      case 'f':
        return this.readLiteral('false', false);
      case 'n':
        return this.readLiteral('null', null);
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.readNumber();
        throw new JsonSyntaxError(
          c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`,
          this.at,
        );
    }
  }

  private readLiteral<T>(word: string, value: T): T {
    if (this.text.startsWith(word, this.at)) {
      this.at += word.length;
      return value;
    }
    throw new JsonSyntaxError(`unexpected character ${JSON.stringify(this.text[this.at])}`, this.at);
  }

  private readNumber(): number {
    const match = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    match.lastIndex = this.at;
    const found = match.exec(this.text);
    if (!found) throw new JsonSyntaxError('malformed number', this.at);
    this.at += found[0].length;
    return Number(found[0]);
  }

  private readString(): string {
    const text = this.text;
    const start = this.at;
    this.at++; // opening quote
    let out = '';
    let chunk = this.at;
    while (true) {
      if (this.at >= text.length) throw new JsonSyntaxError('unterminated string', start);
      const c = text.charCodeAt(this.at);
      if (c === 34) {
        out += text.slice(chunk, this.at);
        this.at++;
        return out;
      }
      if (c < 0x20) throw new JsonSyntaxError('control character in string', this.at);
      if (c !== 92) {
        this.at++;
        continue;
      }
      out += text.slice(chunk, this.at);
      const escaped = text[this.at + 1];
      switch (escaped) {
        case '"':
        case '\\':
        case '/':
          out += escaped;
          this.at += 2;
          break;
        case 'b':
          out += '\b';
          this.at += 2;
          break;
        case 'f':
          out += '\f';
          this.at += 2;
          break;
        case 'n':
          out += '\n';
          this.at += 2;
          break;
        case 'r':
          out += '\r';
          this.at += 2;
          break;
        case 't':
          out += '\t';
          this.at += 2;
          break;
        case 'u': {
          const hex = text.slice(this.at + 2, this.at + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new JsonSyntaxError('malformed \\u escape', this.at);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          this.at += 6;
          break;
        }
        default:
          throw new JsonSyntaxError('malformed escape sequence', this.at);
      }
      chunk = this.at;
    }
  }

  private readArray(path: string, depth: number): unknown[] {
    this.at++; // [
    const out: unknown[] = [];
    this.skipWhitespace();
    if (this.text[this.at] === ']') {
      this.at++;
      return out;
    }
    while (true) {
      this.skipWhitespace();
      out.push(this.readValue(indexPath(path, out.length), depth + 1));
      this.skipWhitespace();
      const c = this.text[this.at];
      if (c === ',') {
        this.at++;
        continue;
      }
      if (c === ']') {
        this.at++;
        return out;
      }
      throw new JsonSyntaxError("expected ',' or ']' in array", this.at);
    }
  }

  private readObject(path: string, depth: number): Record<string, unknown> {
    this.at++; // {
    const out: Record<string, unknown> = {};
    const seenAt = new Map<string, number>();
    this.skipWhitespace();
    if (this.text[this.at] === '}') {
      this.at++;
      return out;
    }
    while (true) {
      this.skipWhitespace();
      if (this.text[this.at] !== '"') throw new JsonSyntaxError('expected a string key in object', this.at);
      const keyOffset = this.at;
      const key = this.readString();
      this.skipWhitespace();
      if (this.text[this.at] !== ':') throw new JsonSyntaxError("expected ':' after object key", this.at);
      this.at++;
      this.skipWhitespace();
      const memberPath = childPath(path, key);
      const value = this.readValue(memberPath, depth + 1);
      const firstOffset = seenAt.get(key);
      if (firstOffset === undefined) {
        seenAt.set(key, keyOffset);
        if (key === '__proto__') {
          Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        } else {
          out[key] = value;
        }
      } else {
        const { line, column } = this.position(keyOffset);
        const first = this.position(firstOffset);
        this.issues.push({
          path: memberPath,
          message: `duplicate key ${JSON.stringify(key)} (first at line ${first.line})`,
          line,
          column,
        });
      }
      this.skipWhitespace();
      const c = this.text[this.at];
      if (c === ',') {
        this.at++;
        continue;
      }
      if (c === '}') {
        this.at++;
        return out;
      }
      throw new JsonSyntaxError("expected ',' or '}' in object", this.at);
    }
  }
}
