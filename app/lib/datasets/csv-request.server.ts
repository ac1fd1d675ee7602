import { HttpError } from "../http/errors.server";

/** CSV bodies only (`text/csv`, or `application/csv`); anything else is a 415 before a byte is read. */
export function requireCsv(request: Request): void {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "text/csv" && type !== "application/csv") {
    throw new HttpError(415, "unsupported_media_type", "Send the CSV with Content-Type: text/csv.");
  }
}
