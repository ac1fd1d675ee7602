/**
 * A Content-Disposition naming a download after its project: `filename=` with a plain ASCII
 * fallback (quotes, slashes and control characters dropped), and RFC 6266/5987 `filename*=`
 * with the name as written, so "Études d’été" still downloads as itself. Pure.
 */
export function attachmentDisposition(projectName: string, extension: string): string {
  const base = projectName.trim() || "project";
  // eslint-disable-next-line no-control-regex
  const safe = base.replace(/[\u0000-\u001F\u007F"\\/:*?<>|]+/g, " ").replace(/\s+/g, " ").trim() || "project";
  const ascii = safe.normalize("NFKD").replace(/[^\x20-\x7E]/g, "").trim() || "project";
  const encoded = encodeURIComponent(`${safe}.${extension}`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encoded}`;
}
