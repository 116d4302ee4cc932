import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { MethodologyIssue } from '../errors';
import { childPath, indexPath } from './json-path';
import type { ReadResult } from './read-json';

/**
 * Reads YAML 1.2 text (core schema) into plain values, reporting what plain `yaml.parse` would
 * hide or mishandle, each with its JSON path and line:
 *
 * - **duplicate mapping keys** (the repeated member is reported; the first one is kept);
 * - **alias cycles** (`&a [*a]`): a methodology is a tree, so a value that contains itself is refused;
 * - non-scalar mapping keys.
 *
 * Syntax errors are reported at their line and column. Only the first document of a stream is read
 * (the `yaml` package reports further documents as errors).
 *
 * Complexity: O(n) in the size of the text, plus the size of the values reached through aliases.
 */
export function readYaml(text: string): ReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter, prettyErrors: false });
  const issues: MethodologyIssue[] = [];
  for (const error of doc.errors) {
    const position = lineCounter.linePos(error.pos[0]);
    issues.push({
      path: '$',
      message: error.message.split('\n')[0] ?? error.message,
      line: position.line,
      column: position.col,
    });
  }
  if (issues.length > 0) return { value: undefined, issues };
  const converter = new YamlConverter(doc, lineCounter, issues);
  const value = converter.convert(doc.contents, '$');
  return { value, issues };
}

class YamlConverter {
  private readonly ancestors = new Set<Node>();

  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    private readonly issues: MethodologyIssue[],
  ) {}

  private issue(path: string, message: string, node: Node | null | undefined): void {
    const offset = node?.range?.[0];
    if (offset === undefined) {
      this.issues.push({ path, message });
      return;
    }
    const { line, col } = this.lineCounter.linePos(offset);
    this.issues.push({ path, message, line, column: col });
  }

  convert(node: unknown, path: string): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (target === undefined) {
        this.issue(path, `unresolved alias *${node.source}`, node);
        return null;
      }
      return this.convert(target, path);
    }
    if (isScalar(node)) return node.value;
    if (isMap(node) || isSeq(node)) {
      if (this.ancestors.has(node)) {
        this.issue(path, 'cycle: this value contains itself through an alias', node);
        return null;
      }
      this.ancestors.add(node);
      try {
        return isMap(node) ? this.convertMap(node, path) : this.convertSeq(node, path);
      } finally {
        this.ancestors.delete(node);
      }
    }
    this.issue(path, 'unsupported YAML node', null);
    return null;
  }

  private convertSeq(node: { items: unknown[] }, path: string): unknown[] {
    return node.items.map((item, index) => this.convert(item, indexPath(path, index)));
  }

  private convertMap(
    node: { items: Array<{ key: unknown; value: unknown }> },
    path: string,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Map<string, Node>();
    for (const pair of node.items) {
      const keyNode = isAlias(pair.key) ? pair.key.resolve(this.doc) : pair.key;
      if (!isScalar(keyNode)) {
        this.issue(path, 'mapping keys must be scalars', isScalar(pair.key) ? pair.key : null);
        continue;
      }
      const key = String(keyNode.value);
      const memberPath = childPath(path, key);
      const first = seen.get(key);
      if (first !== undefined) {
        const firstLine = first.range ? this.lineCounter.linePos(first.range[0]).line : undefined;
        const where = firstLine === undefined ? '' : ` (first at line ${firstLine})`;
        this.issue(memberPath, `duplicate key ${JSON.stringify(key)}${where}`, keyNode);
        continue;
      }
      seen.set(key, keyNode);
      const value = this.convert(pair.value, memberPath);
      if (key === '__proto__') {
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      } else {
        out[key] = value;
      }
    }
    return out;
  }
}
