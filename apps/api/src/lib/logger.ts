/**
 * The API server's log: pino, one JSON object per line on stdout (`npm run dev | npx pino-pretty`
 * for people; we ship no pretty printer, so what an operator reads in development is what the log
 * collector parses in production). Every line about a request carries its `requestId`: the HTTP
 * layer writes them all (the request line, deadline warnings, internal errors: graphql/format-error.ts)
 * and passes the id itself. Services do not log. (No AsyncLocalStorage: on Node 20 its promise hooks
 * run for every promise of every request: 3–10 % of a partner request's CPU; BENCHMARKS.md.)
 *
 * Never written: Authorization, Cookie and Set-Cookie headers, and any variable (at any depth) whose
 * name says it holds a secret — password, token, secret, key, credential… — replaced by `[redacted]`.
 */
import { type DestinationStream, type Level, type Logger, pino } from 'pino';

export type { Logger };
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = Level | 'silent';

export const REDACTED = '[redacted]';

/** Names of values never logged (variables, input fields, headers). */
const SECRET_NAME =
  /pass(word|phrase)?|pwd|token|secret|key|credential|authori[sz]ation|cookie|session|signature/i;

/** Header paths pino removes from every logged object that has them. */
const REDACT_PATHS = ['headers', 'req.headers', 'res.headers'].flatMap((at) =>
  ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key'].map(
    (header) => `${at}["${header}"]`,
  ),
);

/**
 * A copy of JSON-like `value` with the values of secret-named keys replaced, at any depth
 * (iterative; request JSON is at most 64 levels deep anyway).
 */
export function redactSecrets(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const root: unknown[] | Record<string, unknown> = Array.isArray(value) ? [] : {};
  const stack: [object, unknown[] | Record<string, unknown>][] = [[value, root]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [source, target] = item;
    for (const [key, child] of Object.entries(source)) {
      let copy: unknown = child;
      if (!Array.isArray(source) && SECRET_NAME.test(key)) copy = REDACTED;
      else if (child !== null && typeof child === 'object') {
        copy = Array.isArray(child) ? [] : {};
        stack.push([child, copy as unknown[] | Record<string, unknown>]);
      }
      if (Array.isArray(target)) target.push(copy);
      else target[key] = copy;
    }
  }
  return root;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Receives each line without its newline (tests, embedding); default: stdout. */
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write;
  const destination: DestinationStream = write
    ? { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) }
    : pino.destination({ fd: 1, sync: true });
  return pino(
    {
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: {
        err: pino.stdSerializers.errWithCause,
        variables: redactSecrets,
        headers: redactSecrets,
      },
    },
    destination,
  );
}
