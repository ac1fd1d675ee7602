/**
 * A .qdpx file is a zip holding one project.qde and a Sources folder. Tools differ in the
 * details (ATLAS.ti may name the .qde after the project, NVivo writes `sources/` in lower case
 * with a `.root` marker), so the .qde is the single `*.qde` at the top and source files are
 * found by name whatever the folder's case.
 */
import { strFromU8 } from "fflate";
import { HttpError } from "../http/errors.server";
import { unzipBounded, ZipRefused, type UnzipLimits } from "../zip/bounded-unzip.server";

/**
 * What a .qdpx may unpack to: a small zip can hide a huge one (a zip bomb). A project with
 * thousands of sources fits well inside these (ADR 0120).
 */
export const QDPX_LIMITS: UnzipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 128 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxRatio: 100,
};

export class QdpxArchive {
  private readonly byPath = new Map<string, Uint8Array>();
  private readonly byName = new Map<string, Uint8Array>();

  private constructor(
    readonly qdeName: string,
    readonly qde: string,
    files: Record<string, Uint8Array>,
  ) {
    for (const [path, bytes] of Object.entries(files)) {
      this.byPath.set(path.toLowerCase(), bytes);
      this.byName.set(path.slice(path.lastIndexOf("/") + 1).toLowerCase(), bytes);
    }
  }

  /** Unpacks the archive within QDPX_LIMITS (off the event loop); a 413 or 422 saying why not. */
  static async open(bytes: Uint8Array, limits: UnzipLimits = QDPX_LIMITS): Promise<QdpxArchive> {
    if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
      throw unreadable("This file is not a REFI-QDA project (.qdpx): it is not a zip archive.");
    }
    let files: Record<string, Uint8Array>;
    try {
      files = Object.fromEntries(await unzipBounded(bytes, { limits, label: "This .qdpx file" }));
    } catch (err) {
      if (!(err instanceof ZipRefused)) throw err;
      throw err.tooLarge ? new HttpError(413, "archive_too_large", `${err.message} Nothing was imported.`) : unreadable(`${err.message} Nothing was imported.`);
    }
    const qdes = Object.keys(files).filter((p) => !p.includes("/") && p.toLowerCase().endsWith(".qde"));
    const qdeName = qdes.find((p) => p.toLowerCase() === "project.qde") ?? (qdes.length === 1 ? qdes[0] : undefined);
    if (!qdeName) {
      throw unreadable(
        qdes.length === 0
          ? "This .qdpx file holds no project.qde, so it is not a REFI-QDA project."
          : `This .qdpx file holds ${qdes.length} .qde files and none is named project.qde; Thicket cannot tell which to import.`,
      );
    }
    const qde = strFromU8(files[qdeName]!).replace(/^\uFEFF/, "");
    delete files[qdeName];
    return new QdpxArchive(qdeName, qde, files);
  }

  /**
   * The bytes a source path points at: `internal://name` (or a bare `name`) is in the Sources
   * folder; other forms (`relative://`, `file://`, absolute paths) point outside the archive and
   * are found only if a file of that name was packed anyway.
   */
  sourceFile(path: string | undefined): Uint8Array | null {
    if (!path) return null;
    const inner = path.replace(/^internal:\/\//i, "").replace(/^\/+/, "");
    if (/^[a-z]+:\/\//i.test(inner)) return this.byName.get(baseName(inner)) ?? null;
    return this.byPath.get(`sources/${inner.toLowerCase()}`) ?? this.byPath.get(inner.toLowerCase()) ?? this.byName.get(baseName(inner)) ?? null;
  }
}

const baseName = (path: string) => path.slice(path.replace(/\\/g, "/").lastIndexOf("/") + 1).toLowerCase();

const unreadable = (message: string) => new HttpError(422, "invalid_qdpx", message);
