import { readCsv } from "./csv-reader.server";

export interface SampleRecord {
  fields: string[];
  endLine: number;
}

export interface CsvHead {
  /** null when the upload had no record at all. */
  header: string[] | null;
  /** The records after the header that the chunks read so far hold completely. */
  sample: SampleRecord[];
  /** The raw bytes read so far, exactly as uploaded (BOM included). */
  chunks: Buffer[];
}

/** Thrown from inside the reader to stop it once the sample is complete. */
class HeadComplete extends Error {}

/**
 * Reads the upload with the JS CSV reader only until the header and `sampleRows` records are
 * parsed, keeping those raw bytes; the rest of `upload` is left unread for the caller. A parse
 * error inside the head is the reader's CsvFormatError; one in a record past the sample (in the
 * same chunk) is ignored here: whoever reads the rest finds it.
 */
export async function readHead(upload: AsyncIterator<Buffer>, sampleRows: number): Promise<CsvHead> {
  const head: CsvHead = { header: null, sample: [], chunks: [] };
  // Not `upload` itself: the reader closes its source when it stops, and the rest is still needed.
  const source: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        const next = await upload.next();
        if (!next.done) head.chunks.push(next.value);
        return next;
      },
    }),
  };
  try {
    await readCsv(
      source,
      (fields, endLine) => {
        if (head.header === null) head.header = fields;
        else head.sample.push({ fields, endLine });
      },
      {
        afterChunk: () => {
          if (head.sample.length >= sampleRows) throw new HeadComplete();
        },
        header: () => head.header,
      },
    );
  } catch (err) {
    if (!(err instanceof HeadComplete)) throw err;
  }
  return head;
}
