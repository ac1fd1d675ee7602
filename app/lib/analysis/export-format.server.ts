import { HttpError } from "../http/errors.server";

export const exportFormats = ["json", "csv", "xlsx"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/**
 * What an analysis route answers: `?format=` when given, else CSV when the Accept header names
 * text/csv (curl users), else JSON. Anything else in `format` is a 400 naming the parameter.
 */
export function exportFormat(request: Request, format: string | null | undefined): ExportFormat {
  if (format !== null && format !== undefined) {
    if ((exportFormats as readonly string[]).includes(format)) return format as ExportFormat;
    const message = `must be one of ${exportFormats.join(", ")}.`;
    throw new HttpError(400, "invalid_request", `format: ${message}`, {}, { format: message });
  }
  return /\btext\/csv\b/i.test(request.headers.get("accept") ?? "") ? "csv" : "json";
}

export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` },
  });
}
