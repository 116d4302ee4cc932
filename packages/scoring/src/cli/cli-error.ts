/**
 * A user-facing CLI failure, printed to stderr as `FILE:LINE: reason`, `FILE: $.path: reason`,
 * `FILE: reason` or `ranking-score: reason`, with exit code 2.
 */
export class CliError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly path: string | undefined;

  constructor(message: string, where: { file?: string; line?: number; path?: string } = {}) {
    super(message);
    this.name = 'CliError';
    this.file = where.file;
    this.line = where.line;
    this.path = where.path;
  }

  /** The line printed on stderr. */
  format(): string {
    if (this.file === undefined) return `ranking-score: ${this.message}`;
    if (this.line !== undefined) return `${this.file}:${this.line}: ${this.message}`;
    if (this.path !== undefined) return `${this.file}: ${this.path}: ${this.message}`;
    return `${this.file}: ${this.message}`;
  }
}
