import { titleFromFilename } from "./formats";
import { docxToText } from "./docx.server";
import { ImportError } from "./import-error.server";
import { srtToText } from "./srt.server";
import { plainTextToText } from "./text.server";
import { vttToText } from "./vtt.server";

type Converter = (bytes: Uint8Array) => string | Promise<string>;

/** By file name ending: .txt and .md are kept as text, the rest are converted. */
const converters: Record<string, Converter> = {
  txt: plainTextToText,
  text: plainTextToText,
  md: plainTextToText,
  markdown: plainTextToText,
  docx: docxToText,
  vtt: vttToText,
  srt: srtToText,
};

export interface ExtractedText {
  text: string;
  /** The file name without its extension: the title when none was given. */
  title: string;
}

/** An uploaded file's text, or an ImportError saying why it cannot be used. */
export async function extractText(filename: string, bytes: Uint8Array): Promise<ExtractedText> {
  const match = /\.([a-z0-9]+)$/i.exec(filename);
  const ext = match?.[1]?.toLowerCase();
  const convert = ext ? converters[ext] : undefined;
  if (!convert) {
    const what = ext ? `.${ext} files` : "Files without an extension";
    throw new ImportError(`${what} cannot be imported. Choose a .txt, .md, .docx, .vtt or .srt file, or paste the text.`);
  }
  return { text: await convert(bytes), title: titleFromFilename(filename) };
}
