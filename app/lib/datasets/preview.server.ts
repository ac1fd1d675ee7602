import { readCsv } from "./csv-reader.server";
import { cleanHeader, inferColumnTypes } from "./csv-types";
import { checkHeader, SAMPLE_ROWS } from "./import.server";
import { CsvFormatError } from "./import-errors.server";
import type { CsvPreview } from "./types";

/** Rows shown on the import screen. */
export const PREVIEW_ROWS = 20;

/**
 * The import screen's preview of a file's head: its columns with inferred types and the first
 * rows. The screen sends either the whole file or a head cut after a line break; a head cut
 * anywhere else (by another client) may end inside a record. That record is dropped rather
 * than reported when it is short of fields and no line break ends the text, and a head cut
 * inside a quoted field keeps everything before the open quote.
 */
export async function previewCsv(head: Buffer | string): Promise<CsvPreview> {
  const text = typeof head === "string" ? head : head.toString("utf8");
  let header: string[] | null = null;
  const rows: { fields: string[]; endLine: number }[] = [];
  let records = 0;
  let cutInQuote = false;
  try {
    await readCsv(
      [text],
      (fields, endLine) => {
        records++;
        if (!header) header = fields.map(cleanHeader);
        else if (rows.length < SAMPLE_ROWS) rows.push({ fields, endLine });
      },
      { header: () => header },
    );
  } catch (err) {
    // The cut fell inside a quoted field: everything before it is fine.
    if (!(err instanceof CsvFormatError && err.reason === "CSV_QUOTE_NOT_CLOSED" && header)) throw err;
    cutInQuote = true;
  }
  if (!header) throw new CsvFormatError(1, null, "the file is empty; it needs a header row.");
  const columns: string[] = header;
  checkHeader(columns);
  // Only the text's very last record can have been cut (not one past the sample), and only
  // when no line break ends the text; a complete file without a final newline keeps its row.
  const lastIsFinal = records === rows.length + 1;
  const last = rows.at(-1);
  if (lastIsFinal && !cutInQuote && !/[\r\n]$/.test(text) && last && last.fields.length < columns.length) rows.pop();
  const bad = rows.find((r) => r.fields.length !== columns.length);
  if (bad) {
    // Worded and placed as the import words it, so the preview and the import agree.
    const n = columns.length;
    const got = bad.fields.length;
    const problem =
      got < n
        ? `the row has ${got} field${got === 1 ? "" : "s"} but the header has ${n}; this column is missing.`
        : `the row has ${got} fields but the header has ${n}.`;
    throw new CsvFormatError(bad.endLine, columns[Math.min(got, n - 1)]!, problem);
  }
  const values = rows.map((r) => r.fields.map((f) => (f === "" ? null : f)));
  const types = inferColumnTypes(columns.length, values);
  return {
    columns: columns.map((name, i) => ({ name, type: types[i]! })),
    rows: values.slice(0, PREVIEW_ROWS),
    sampledRows: values.length,
  };
}
