import { randomBytes } from "node:crypto";

/**
 * Ids are opaque strings (API.md: "Ids are strings"). Text rather than uuid columns so a
 * malformed id poked into a URL is simply "not found" instead of a Postgres cast error.
 */
export function newId(): string {
  return randomBytes(12).toString("base64url");
}
