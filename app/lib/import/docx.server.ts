import { unzipBounded, ZipRefused, type UnzipLimits } from "../zip/bounded-unzip.server";
import { ImportError } from "./import-error.server";
import { extractRawTextInWorker, MAMMOTH_LIMITS, type MammothLimits } from "./mammoth-worker.server";
import { normaliseText } from "./text.server";

/**
 * What a .docx may unpack to before mammoth sees it. A document at the 5,000,000-character
 * limit is about 10 to 40 MB of Word XML; images pack little, so they barely count against
 * the ratio (ADR 0121).
 */
export const DOCX_LIMITS: UnzipLimits = {
  maxEntries: 2_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
  maxRatio: 100,
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const damaged = () => new ImportError("This .docx file could not be read: it may be damaged. Open it in Word and save it again, or paste the text.");
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * A Word .docx file to plain text, one paragraph per blank-line-separated block. Formatting,
 * images and comments are left behind: coding works on the words.
 */
export async function docxToText(
  bytes: Uint8Array,
  limits: { unzip: UnzipLimits; mammoth: MammothLimits } = { unzip: DOCX_LIMITS, mammoth: MAMMOTH_LIMITS },
): Promise<string> {
  if (bytes.byteLength === 0) throw new ImportError("The file is empty.");
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new ImportError(
      "This is an older Word document (.doc) renamed to .docx. Open it in Word and save it as .docx, or paste its text.",
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new ImportError("This .docx file could not be read: it is not a Word document. Choose a .docx file, or paste the text.");
  }
  await checkUnpackedSize(bytes, limits.unzip);
  const result = await extractRawTextInWorker(bytes, limits.mammoth);
  if ("failure" in result) {
    throw result.failure === "damaged"
      ? damaged()
      : new ImportError(
          `This .docx file is too complex to read (it needed more than ${result.failure === "timeout" ? `${limits.mammoth.timeoutMs / 1000} seconds` : `${limits.mammoth.heapMb} MB of memory`}). Save it as plain text, or paste the text.`,
          { tooLarge: true },
        );
  }
  const text = normaliseText(result.text)
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
  if (!text.trim()) throw new ImportError("The Word document holds no text.");
  return text;
}

/**
 * Every part inflated and counted (off the event loop, nothing kept) before mammoth, which
 * trusts the archive, is given it: a 200 KB .docx can hold gigabytes of XML.
 */
async function checkUnpackedSize(bytes: Uint8Array, limits: UnzipLimits): Promise<void> {
  try {
    await unzipBounded(bytes, { limits, label: "This .docx file", keep: () => false });
  } catch (err) {
    if (!(err instanceof ZipRefused)) throw err;
    if (err.problem === "damaged") {
      throw damaged();
    }
    throw new ImportError(`${err.message} Save it as plain text, or paste the text.`, { tooLarge: err.tooLarge });
  }
}
