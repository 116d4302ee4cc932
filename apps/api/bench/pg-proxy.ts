/**
 * A counting TCP proxy between one server and PostgreSQL, so the API benchmark can report how many
 * SQL statements each server sends per operation. Bytes pass through unchanged; only message headers
 * are read (type byte + Int32 length, protocol 3.0), in both directions.
 *
 * A statement is a frontend `Query` ('Q', simple protocol) or `Execute` ('E', extended protocol)
 * message: what postgres.js, node-postgres (PostGraphile) and psql send to run SQL. A simple `Query`
 * holding several statements separated by `;` counts as one.
 *
 * The first frontend packet of a connection is untyped (Int32 length + Int32 code): a StartupMessage,
 * or an SSLRequest / GSSENCRequest, which the proxy answers with 'N' (no encryption, so it can read
 * the messages) before the client sends its StartupMessage in clear.
 */
import { connect, createServer, type Socket } from 'node:net';

export interface PgProxy {
  /** The local port to put in DATABASE_URL instead of PostgreSQL's. */
  port: number;
  /** `Query` + `Execute` messages since the start or the last `reset()`. */
  statements(): number;
  /** Every message counted since the start or the last `reset()`, by direction and type byte. */
  messages(): { frontend: Record<string, number>; backend: Record<string, number> };
  reset(): void;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/**
 * Reads typed message headers out of a byte stream that arrives in arbitrary chunks.
 * O(messages) per chunk: bodies are skipped, never copied.
 */
function typedMessageCounter(count: (type: string) => void): (chunk: Buffer) => void {
  let header: Buffer = Buffer.alloc(0); // a header split across chunks
  let skip = 0; // body bytes of the current message still to come
  return (chunk) => {
    let at = 0;
    while (at < chunk.length) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - at);
        skip -= n;
        at += n;
        continue;
      }
      const part = chunk.subarray(at, at + 5 - header.length);
      header = header.length ? Buffer.concat([header, part]) : part;
      at += part.length;
      if (header.length < 5) return;
      count(String.fromCharCode(header[0] ?? 0));
      skip = header.readInt32BE(1) - 4; // the length includes itself
      header = Buffer.alloc(0);
    }
  };
}

export async function startPgProxy(options: {
  target: { host: string; port: number };
  /** 0 (the default) picks a free port. */
  port?: number;
}): Promise<PgProxy> {
  let frontend: Record<string, number> = {};
  let backend: Record<string, number> = {};
  const tally = (counts: () => Record<string, number>) => (type: string) => {
    const c = counts();
    c[type] = (c[type] ?? 0) + 1;
  };
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = connect(options.target.port, options.target.host);
    sockets.add(client).add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);

    const countBackend = typedMessageCounter(tally(() => backend));
    upstream.on('data', (chunk: Buffer) => {
      countBackend(chunk);
      if (!client.write(chunk)) upstream.pause();
    });
    client.on('drain', () => upstream.resume());

    const countFrontend = typedMessageCounter(tally(() => frontend));
    let startup: Buffer | null = Buffer.alloc(0); // untyped packets not yet complete; null once typed
    client.on('data', (chunk: Buffer) => {
      let typed = chunk;
      while (startup) {
        startup = Buffer.concat([startup, typed]);
        typed = Buffer.alloc(0);
        if (startup.length < 8) return;
        const length = startup.readInt32BE(0);
        if (startup.length < length) return;
        const packet = startup.subarray(0, length);
        const rest = startup.subarray(length);
        const code = packet.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          client.write('N'); // the client then sends its StartupMessage, unencrypted
          startup = Buffer.alloc(0);
        } else {
          upstream.write(packet); // StartupMessage (or CancelRequest): from here on messages are typed
          startup = null;
        }
        typed = rest;
      }
      if (typed.length === 0) return;
      countFrontend(typed);
      if (!upstream.write(typed)) client.pause();
    });
    upstream.on('drain', () => client.resume());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('pg proxy: no TCP address');

  return {
    port: address.port,
    statements: () => (frontend.Q ?? 0) + (frontend.E ?? 0),
    messages: () => ({ frontend: { ...frontend }, backend: { ...backend } }),
    reset() {
      frontend = {};
      backend = {};
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
