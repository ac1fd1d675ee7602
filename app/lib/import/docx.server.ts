import mammoth from "mammoth";
import { ImportError } from "./import-error.server";
import { normaliseText } from "./text.server";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * A Word .docx file to plain text, one paragraph per blank-line-separated block. Formatting,
 * images and comments are left behind: coding works on the words.
 */
export async function docxToText(bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength === 0) throw new ImportError("The file is empty.");
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new ImportError(
      "This is an older Word document (.doc) renamed to .docx. Open it in Word and save it as .docx, or paste its text.",
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new ImportError("This .docx file could not be read: it is not a Word document. Choose a .docx file, or paste the text.");
  }
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value;
  } catch {
    throw new ImportError(
      "This .docx file could not be read: it may be damaged. Open it in Word and save it again, or paste the text.",
    );
  }
  const text = normaliseText(raw)
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
  if (!text.trim()) throw new ImportError("The Word document holds no text.");
  return text;
}
