import { ImportError } from "./import-error.server";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Bytes of a plain-text file (.txt, .md, transcripts) to a string: honours a UTF-8 or UTF-16
 * byte-order mark, reads UTF-8 without one, and falls back to Windows-1252 for the older
 * files many Windows tools still write. Binary files are refused rather than turned into noise.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) throw new ImportError("The file is empty.");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.includes(0)) {
    throw new ImportError("This does not look like a text file. Choose a .txt, .md, .docx, .vtt or .srt file.");
  }
  try {
    return utf8.decode(body);
  } catch {
    return decodeWindows1252(body);
  }
}

/**
 * Windows-1252 by hand: Node's TextDecoder treats the label as Latin-1 and gets 0x80–0x9F
 * (curly quotes, dashes, €) wrong, and those are exactly the characters Word puts in text.
 */
const CP1252_HIGH =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out.replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/**
 * Line ends become \n (CRLF from Windows, lone CR from old Macs), a stray byte-order mark and
 * control characters other than tab and newline are dropped, and blank lines at either end are
 * trimmed. Everything else, including spacing inside lines, is kept as written.
 */
export function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
    .replace(/^(?:[ \t]*\n)+/, "")
    .trimEnd();
}

/** A .txt or .md file: its text, as written. */
export function plainTextToText(bytes: Uint8Array): string {
  const text = normaliseText(decodeText(bytes));
  if (!text.trim()) throw new ImportError("The file holds no text.");
  return text;
}
