import { type CsvOptions, type CsvProblem, type CsvRecord, CsvTokenizer } from './csv-tokenizer';
import { firstInvalidUtf8, incompleteUtf8Tail } from './utf8';

/** A record of {@link readCsvStream}. */
export interface CsvStreamRecord extends CsvRecord {
  kind: 'record';
}

export interface CsvStreamOptions<Chunk extends Uint8Array | string = Uint8Array | string>
  extends CsvOptions {
  /** Sees every chunk as it is read (to count or hash the bytes). */
  onChunk?: (chunk: Chunk) => void;
}

export const INVALID_UTF8 = 'invalid UTF-8 byte sequence (the file must be UTF-8 encoded)';

const fatal = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/**
 * Reads CSV records from a stream of chunks (a Node `Readable`, a web stream's reader, any iterable
 * of `Uint8Array` or string pieces) as they arrive — the streaming front end of {@link CsvTokenizer}:
 * the same records as {@link parseCsv} on the whole text, however the input is split, while holding
 * only the current chunk and the record being read.
 *
 * Bytes are decoded as UTF-8; a sequence split between chunks is held back until the next one. Bytes
 * that are not UTF-8 are a problem with their line and character column (never silently replaced),
 * once per physical line, and the record they are in is refused. Where {@link parseCsv} throws at the
 * first problem, this yields every problem and goes on with the next line, so an import can list all
 * the bad lines of a file.
 *
 * Complexity: O(size of the input); memory O(chunk + record).
 *
 * @example
 * for await (const item of readCsvStream(createReadStream('evidence.csv'))) {
 *   if (item.kind === 'problem') console.log(item.line, item.column, item.message);
 *   else console.log(item.line, item.fields);
 * }
 */
export async function* readCsvStream<Chunk extends Uint8Array | string>(
  source: AsyncIterable<Chunk> | Iterable<Chunk>,
  options: CsvStreamOptions<Chunk> = {},
): AsyncGenerator<CsvStreamRecord | CsvProblem> {
  const queue: (CsvStreamRecord | CsvProblem)[] = [];
  const tokenizer = new CsvTokenizer(
    (record) => queue.push({ kind: 'record', line: record.line, fields: record.fields }),
    (problem) => queue.push(problem),
    options,
  );
  const reported = { line: 0 };
  /** Bytes of a multi-byte sequence the last chunk ended in the middle of. */
  let pending: Uint8Array = new Uint8Array(0);

  const decode = (bytes: Uint8Array) => {
    try {
      tokenizer.write(fatal.decode(bytes));
      return;
    } catch {
      // Not UTF-8: the valid parts are read, each invalid byte is reported where it is.
    }
    let from = 0;
    while (from < bytes.length) {
      const bad = firstInvalidUtf8(bytes, from);
      const end = bad < 0 ? bytes.length : bad;
      tokenizer.write(lenient.decode(bytes.subarray(from, end)));
      if (bad < 0) break;
      tokenizer.invalidBytes(INVALID_UTF8, reported);
      from = bad + 1;
    }
  };

  for await (const chunk of source) {
    options.onChunk?.(chunk);
    if (typeof chunk === 'string') {
      if (pending.length > 0) decode(pending);
      pending = new Uint8Array(0);
      tokenizer.write(chunk);
    } else {
      let data: Uint8Array = chunk;
      if (pending.length > 0) {
        data = new Uint8Array(pending.length + chunk.length);
        data.set(pending, 0);
        data.set(chunk, pending.length);
      }
      const cut = data.length - incompleteUtf8Tail(data);
      decode(data.subarray(0, cut));
      pending = data.slice(cut);
    }
    if (queue.length > 0) yield* queue.splice(0);
  }
  if (pending.length > 0) decode(pending);
  tokenizer.end();
  yield* queue.splice(0);
}
