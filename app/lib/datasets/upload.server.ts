import { Readable } from "node:stream";
import { payloadTooLarge } from "../http/body.server";
import { HttpError } from "../http/errors.server";
import { drain } from "./csv-reader.server";
import type { Spool } from "./spool.server";
import { UploadGuard } from "./upload-guard.server";

export type UploadSource =
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>
  | ReadableStream<Uint8Array>;

const toBuffer = (piece: Uint8Array | string): Buffer =>
  typeof piece === "string"
    ? Buffer.from(piece)
    : Buffer.isBuffer(piece)
      ? piece
      : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);

const uploadAborted = () =>
  new HttpError(400, "upload_aborted", "The upload stopped before the whole file arrived; nothing was imported.");

/**
 * The request body as Buffers, each one counted against the size limit (a 413 the moment it
 * is passed, before the chunk goes anywhere), checked by the UploadGuard (UTF-8, record
 * length), and written to the spool before it is handed on,
 * so whatever reads the upload also leaves a copy for a second pass.
 */
export class Upload implements AsyncIterableIterator<Buffer> {
  bytes = 0;
  private readonly source: AsyncIterator<Uint8Array | string>;
  private readonly guard = new UploadGuard();

  constructor(
    source: UploadSource,
    private readonly spool: Spool,
    private readonly maxBytes: number,
  ) {
    const iterable = source instanceof ReadableStream ? Readable.fromWeb(source as never) : source;
    this.source =
      Symbol.asyncIterator in iterable
        ? (iterable as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]()
        : (async function* () {
            yield* iterable as Iterable<Uint8Array | string>;
          })();
  }

  async next(): Promise<IteratorResult<Buffer>> {
    let next: IteratorResult<Uint8Array | string>;
    try {
      next = await this.source.next();
    } catch (err) {
      // The client went away mid-upload (a cancelled import, a dropped connection): an
      // expected end, not a server fault. Nothing is imported; the transaction rolls back.
      if ((err as { code?: string } | null)?.code === "ECONNRESET") throw uploadAborted();
      throw err;
    }
    if (next.done) {
      this.guard.finish();
      return { done: true, value: undefined };
    }
    const chunk = toBuffer(next.value);
    this.bytes += chunk.byteLength;
    if (this.bytes > this.maxBytes) throw payloadTooLarge(this.maxBytes);
    this.guard.check(chunk);
    await this.spool.write(chunk);
    return { done: false, value: chunk };
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** After a failure: read and drop up to `limit` more bytes so the client gets the answer cleanly. */
  discardRest(limit: number): Promise<void> {
    return drain(this.source, limit);
  }
}
