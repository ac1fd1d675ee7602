import type { DatasetColumn } from "~/lib/datasets/types";

/** "Customers 2024.csv" → "Customers 2024": what a dataset made from the file is first called. */
export function nameFromFile(fileName: string) {
  return fileName
    .replace(/\.(csv|txt)$/i, "")
    .trim()
    .slice(0, 120);
}

/**
 * The column that most looks like an identifier: `id` or `key` itself, then `customer_id`,
 * `Customer ID`, `site-key`… Null when none does: the person then chooses, rather than
 * getting a guess that would fail on duplicate values.
 */
export function guessKeyColumn(columns: DatasetColumn[]): string | null {
  const names = columns.map((c) => c.name);
  const exact = names.find((n) => /^(id|key)$/i.test(n.trim()));
  if (exact) return exact;
  const suffixed = names.find((n) => /(^|[\s_\-.])(id|key)$/i.test(n.trim()) || /[a-z](Id|Key)$/.test(n.trim()));
  return suffixed ?? null;
}

/** How much of the file the preview reads: plenty of rows for type detection, fast to send. */
export const PREVIEW_BYTES = 256 * 1024;

/**
 * The head of the file, cut after its last line break so the preview never ends inside a
 * UTF-8 character (a newline byte is never part of a multi-byte one).
 */
export async function fileHead(file: Blob): Promise<Blob> {
  const head = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  if (file.size <= PREVIEW_BYTES) return new Blob([head]);
  const lastBreak = head.lastIndexOf(0x0a);
  return new Blob([lastBreak > 0 ? head.subarray(0, lastBreak + 1) : head]);
}
