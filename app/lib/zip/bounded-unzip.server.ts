/**
 * Unpacking an uploaded zip (.qdpx, .docx) without trusting it. A small zip can claim, or
 * hide, gigabytes (a "zip bomb"), so every entry is checked twice: first by what the central
 * directory declares (refused before a byte is inflated), then by the bytes actually inflated,
 * counted as they arrive (a header that lies is caught at once: yauzl stops a stream that
 * outgrows its declared size). Inflating runs in zlib's thread pool, chunk by chunk, so the
 * event loop keeps serving other requests and websockets meanwhile. ADR 0120.
 */
import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { formatBytes } from "../import/formats";

export interface UnzipLimits {
  /** Entries (files and folders) in the directory. */
  maxEntries: number;
  /** Inflated bytes of any one entry. */
  maxEntryBytes: number;
  /** Inflated bytes of all entries together. */
  maxTotalBytes: number;
  /**
   * Inflated size over packed size. Text and XML pack 3 to 20 times; zeros or repeated markup
   * pack about 1000 times, which only a bomb needs. Checked once an entry passes RATIO_FLOOR.
   */
  maxRatio: number;
}

/** Below this many inflated bytes an entry's ratio does not matter: small files pack very well. */
export const RATIO_FLOOR = 1024 * 1024;

export type ZipProblem = "damaged" | "too_many_entries" | "entry_too_large" | "total_too_large" | "ratio" | "unsafe_name" | "encrypted";

/** Why an archive was refused; `message` is a sentence for the person who uploaded it. */
export class ZipRefused extends Error {
  override name = "ZipRefused";
  constructor(
    readonly problem: ZipProblem,
    message: string,
  ) {
    super(message);
  }

  /** Too big (entries, bytes, ratio) rather than broken: callers answer 413 for these. */
  get tooLarge(): boolean {
    return this.problem === "too_many_entries" || this.problem === "entry_too_large" || this.problem === "total_too_large" || this.problem === "ratio";
  }
}

export interface UnzipOptions {
  limits: UnzipLimits;
  /** How messages name the file: "This .qdpx file". */
  label: string;
  /** Entries whose bytes are wanted; the others are still inflated and counted, then dropped. */
  keep?: (name: string) => boolean;
}

/** yauzl's own refusals of a name that would point outside the archive. */
const UNSAFE_NAME = /^(absolute path|invalid relative path|invalid characters in fileName): (.*)$/s;

/**
 * Every entry inflated and checked against the limits; the kept ones' bytes by name (folders
 * are left out). Throws ZipRefused; nothing is returned for an archive that breaks a limit.
 */
export async function unzipBounded(bytes: Uint8Array, opts: UnzipOptions): Promise<Map<string, Uint8Array>> {
  const { limits, label } = opts;
  const refuse = (problem: ZipProblem, message: string) => new ZipRefused(problem, `${label} ${message}`);
  const damaged = () => refuse("damaged", "could not be unpacked: the zip archive is damaged.");

  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      validateEntrySizes: true,
    });
  } catch {
    throw damaged();
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw refuse("too_many_entries", `holds ${zip.entryCount.toLocaleString("en-GB")} files; at most ${limits.maxEntries.toLocaleString("en-GB")} are accepted.`);
  }

  const files = new Map<string, Uint8Array>();
  const seen = new Set<string>();
  let total = 0;

  /** The next entry's bytes counted against every limit as they inflate. */
  const check = (entry: Entry, inflated: number) => {
    const name = entry.fileName;
    if (inflated > limits.maxEntryBytes) {
      return refuse("entry_too_large", `holds “${name}”, which unpacks to more than ${formatBytes(limits.maxEntryBytes)}; at most ${formatBytes(limits.maxEntryBytes)} per file is accepted.`);
    }
    if (total + inflated > limits.maxTotalBytes) {
      return refuse("total_too_large", `unpacks to more than ${formatBytes(limits.maxTotalBytes)}, the most accepted.`);
    }
    if (inflated > RATIO_FLOOR && inflated > limits.maxRatio * Math.max(entry.compressedSize, 1)) {
      return refuse("ratio", `holds “${name}”, which unpacks to more than ${limits.maxRatio} times its packed size, as only a zip bomb does; it was not unpacked.`);
    }
    return null;
  };

  /** yauzl's error for the directory: a name that points outside the archive, or damage. */
  const directoryError = (err: unknown) => {
    if (err instanceof ZipRefused) return err;
    const unsafe = UNSAFE_NAME.exec(err instanceof Error ? err.message : "");
    return unsafe ? refuse("unsafe_name", `holds a file named “${unsafe[2]}”, which points outside the archive; it was refused.`) : damaged();
  };

  try {
    for await (const entry of zip.eachEntry()) {
      if (seen.has(entry.fileName)) throw refuse("damaged", `holds “${entry.fileName}” twice; a zip archive names each file once.`);
      seen.add(entry.fileName);
      if (entry.isEncrypted()) throw refuse("encrypted", "is password-protected; save it again without a password.");
      const declared = check(entry, entry.uncompressedSize);
      if (declared) throw declared;
      if (entry.fileName.endsWith("/")) continue;
      const wanted = opts.keep?.(entry.fileName) ?? true;
      const chunks: Buffer[] = [];
      let inflated = 0;
      const stream = await openEntry(zip, entry, damaged);
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          inflated += chunk.byteLength;
          const problem = check(entry, inflated);
          if (problem) throw problem;
          if (wanted) chunks.push(chunk);
        }
      } catch (err) {
        throw err instanceof ZipRefused ? err : damaged();
      } finally {
        stream.destroy();
      }
      total += inflated;
      if (wanted) files.set(entry.fileName, Buffer.concat(chunks, inflated));
    }
  } catch (err) {
    throw directoryError(err);
  } finally {
    zip.close();
  }
  return files;
}

async function openEntry(zip: ZipFile, entry: Entry, damaged: () => ZipRefused): Promise<Readable> {
  try {
    return await zip.openReadStreamPromise(entry);
  } catch {
    // An unsupported method (only stored and deflated are in use) or a bad local header.
    throw damaged();
  }
}
