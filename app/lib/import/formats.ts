/**
 * What the "Add document" form accepts. Free of server imports: the browser uses these to
 * check a file before sending it, the server to enforce the same rules.
 */

/** The largest file a person may upload as a document. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const importExtensions = [".txt", ".md", ".docx", ".vtt", ".srt"] as const;

/** For <input type="file" accept>: the extensions plus their usual MIME types. */
export const importAccept = [
  ...importExtensions,
  "text/plain",
  "text/markdown",
  "text/vtt",
  "application/x-subrip",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
].join(",");

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1).replace(/\.0$/, "") : Math.round(mb)} MB`;
}

/** What to say when a file is over the limit (in the browser and on the server alike). */
export function tooLargeMessage(filename: string, limit: number): string {
  return `“${filename}” is larger than ${formatBytes(limit)}, the most a file may be. Split it, or paste the part you need.`;
}

/** "Interview with Maria.final.docx" → "Interview with Maria.final". */
export function titleFromFilename(filename: string): string {
  const base = filename.split(/[/\\]/).pop() ?? filename;
  const dot = base.lastIndexOf(".");
  const stem = (dot > 0 ? base.slice(0, dot) : base).trim();
  return stem || base.trim();
}
