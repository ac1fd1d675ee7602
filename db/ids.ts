const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * Ids are opaque strings (API.md: "Ids are strings"): 96 random bits, URL-safe. Text rather
 * than uuid columns so a malformed id poked into a URL is simply "not found". Works in the
 * browser too (codings are created in the editor).
 */
export function newId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let id = "";
  for (const byte of bytes) id += alphabet[byte & 63];
  return id;
}
