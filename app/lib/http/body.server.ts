import type { z } from "zod";
import { HttpError } from "./errors.server";

/**
 * How far past the limit an upload is still read (and thrown away) so the client gets a clean
 * 413. Closing a socket with unread upload data resets it, and the client would see only a
 * broken connection. Beyond this, the upload is cut off.
 */
export const DRAIN_FACTOR = 8;

/** Reads at most `limit` bytes of the body; more is a 413 and nothing past `limit` is kept. */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit * DRAIN_FACTOR) {
      await reader.cancel();
      break;
    }
    if (size <= limit) chunks.push(value);
  }
  if (size > limit) throw payloadTooLarge(limit);
  return Buffer.concat(chunks).toString("utf8");
}

export function payloadTooLarge(limit: number) {
  return new HttpError(413, "payload_too_large", `The request body is larger than ${limit} bytes.`);
}

/**
 * Parses a JSON body and validates it. Unknown fields are ignored (zod strips them) on every
 * route alike. Malformed JSON and invalid fields are 400s whose message says what to fix.
 */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  limit: number,
): Promise<z.infer<S>> {
  const text = await readBodyText(request, limit);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HttpError(
      400,
      "invalid_json",
      text.trim() === "" ? "The request body must be JSON." : "The request body is not valid JSON.",
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function validationError(error: z.ZodError): HttpError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "body";
    fields[key] ??= issue.message;
  }
  const [first] = error.issues;
  const where = first?.path.length ? `${first.path.join(".")}: ` : "";
  return new HttpError(
    400,
    "invalid_request",
    `${where}${first?.message ?? "Invalid request."}`,
    {},
    fields,
  );
}
